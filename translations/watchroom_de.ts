<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>main</name>
    <message>
        <source>Watchroom</source>
        <translation>Watchroom</translation>
    </message>
</context>
<context>
    <name>wr::AboutDialog</name>
    <message>
        <source>About Watchroom</source>
        <translation>Über Watchroom</translation>
    </message>
    <message>
        <source>Watchroom %1</source>
        <translation>Watchroom %1</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (or GPL)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (oder GPL)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Charts — GPL-3.0 (the charts)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Charts — GPL-3.0 (die Diagramme)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt HttpServer — GPL-3.0 (the embedded relay)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt HttpServer — GPL-3.0 (das eingebettete Relay)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Collaborative live monitoring: live charts, shared cursors and annotations, on this computer, on a LAN or through Azure Web PubSub.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Gemeinsames Live-Monitoring: Live-Diagramme, geteilte Cursor und Annotationen – auf diesem Computer, im LAN oder über Azure Web PubSub.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Licence: %1. Because the open-source editions of Qt Charts and Qt HttpServer are GPL-3.0, Watchroom is GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lizenz: %1. Da die Open-Source-Ausgaben von Qt Charts und Qt HttpServer unter der GPL-3.0 stehen, steht Watchroom unter GPL-3.0-or-later.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1 (running on Qt %2), using:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt mit Qt %1 (läuft mit Qt %2), verwendet:&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wr::AddPanelDialog</name>
    <message>
        <source>Add series to “%1”</source>
        <translation>Serien zu „%1“ hinzufügen</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>Panel hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Search series by name, host or id</source>
        <translation>Serien nach Name, Host oder ID suchen</translation>
    </message>
    <message>
        <source>Search series</source>
        <translation>Serien suchen</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Series of the board</source>
        <translation>Serien des Boards</translation>
    </message>
    <message numerus="yes">
        <source>Without a unit (%n series)</source>
        <extracomment>A group of series in the Add panel dialog; %1 = a unit such as &quot;%&quot; or &quot;B/s&quot;</extracomment>
        <translation>
            <numerusform>Ohne Einheit (%n Serie)</numerusform>
            <numerusform>Ohne Einheit (%n Serien)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unit %1 (%n series)</source>
        <translation>
            <numerusform>Einheit %1 (%n Serie)</numerusform>
            <numerusform>Einheit %1 (%n Serien)</numerusform>
        </translation>
    </message>
    <message>
        <source>The board has no other series in this unit.</source>
        <translation>Das Board hat keine weiteren Serien in dieser Einheit.</translation>
    </message>
    <message>
        <source>The board has no series yet.</source>
        <translation>Das Board hat noch keine Serien.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: check the series to show.</source>
        <translation>Ein Panel zeigt Serien einer Einheit: Haken Sie die Serien an, die es zeigen soll.</translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series without a unit can be added.</source>
        <translation>
            <numerusform>%n Serie gewählt. Ein Panel zeigt eine Einheit: Nur Serien ohne Einheit können dazukommen.</numerusform>
            <numerusform>%n Serien gewählt. Ein Panel zeigt eine Einheit: Nur Serien ohne Einheit können dazukommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series in %1 can be added.</source>
        <translation>
            <numerusform>%n Serie gewählt. Ein Panel zeigt eine Einheit: Nur Serien in %1 können dazukommen.</numerusform>
            <numerusform>%n Serien gewählt. Ein Panel zeigt eine Einheit: Nur Serien in %1 können dazukommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. Memory of every host</source>
        <translation>z. B. Speicher aller Hosts</translation>
    </message>
    <message>
        <source>Add series</source>
        <translation>Serien hinzufügen</translation>
    </message>
</context>
<context>
    <name>wr::AnnotationDialog</name>
    <message>
        <source>New annotation</source>
        <translation>Neue Annotation</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>Annotation bearbeiten</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>annotation time range</comment>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Wann:</translation>
    </message>
    <message>
        <source>Annotation text</source>
        <translation>Annotationstext</translation>
    </message>
    <message>
        <source>What happened here?</source>
        <translation>Was ist hier passiert?</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>deploy, incident</source>
        <translation>Deployment, Störung</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>T&amp;ags:</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <source>Show on every panel (not only %1)</source>
        <extracomment>Scope of an annotation: every panel of the board instead of only this one</extracomment>
        <translation>Auf allen Panels zeigen (nicht nur %1)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>Farbe der Annotation</translation>
    </message>
</context>
<context>
    <name>wr::AnnotationDock</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>every panel</source>
        <translation>alle Panels</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Second line of an annotation in the list: author · time · panel</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Tags</translation>
    </message>
    <message>
        <source>Show on the charts</source>
        <translation>In den Diagrammen zeigen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Annotations</source>
        <extracomment>Dock title: the list of annotations</extracomment>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Search text and tags</source>
        <translation>Text und Tags durchsuchen</translation>
    </message>
    <message>
        <source>Search annotations</source>
        <translation>Annotationen durchsuchen</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Nach Tag filtern</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n Annotation</numerusform>
            <numerusform>%n Annotationen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n annotation(s)</source>
        <translation>
            <numerusform>%1 von %n Annotation</numerusform>
            <numerusform>%1 von %n Annotationen</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>Button under the annotation list: export them as CSV or JSON</extracomment>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Annotationen exportieren</translation>
    </message>
</context>
<context>
    <name>wr::BannerBar</name>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <extracomment>A banner&apos;s message that happened several times: %1 = message, %n = how often</extracomment>
        <translation>
            <numerusform>%1 (%n-mal)</numerusform>
            <numerusform>%1 (%n-mal)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::BoardExport</name>
    <message>
        <source>There is nothing to export.</source>
        <translation>Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <source>The image could not be written.</source>
        <translation>Das Bild konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>wr::ChartOverlay</name>
    <message>
        <source>← %1 %2</source>
        <extracomment>A peer&apos;s cursor is outside the visible time window: %1 = name, %2 = their time.</extracomment>
        <translation>← %1 %2</translation>
    </message>
    <message>
        <source>%1 %2 →</source>
        <translation>%1 %2 →</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n annotations here (zoom in to separate them)</source>
        <extracomment>Hover over a cluster of annotations drawn as one marker</extracomment>
        <translation>
            <numerusform>%n Annotation hier (zum Trennen hineinzoomen)</numerusform>
            <numerusform>%n Annotationen hier (zum Trennen hineinzoomen)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::ChartPanel</name>
    <message>
        <source>Chart: %1</source>
        <translation>Diagramm: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>series name (labels)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>value unit</comment>
        <extracomment>A value and its unit, e.g. &quot;12.50 %&quot; or &quot;1.25 GiB&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no data</source>
        <extracomment>The value tooltip: no point of this series near the pointer</extracomment>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>series: value</comment>
        <extracomment>The value tooltip: series name, value</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Threshold %1</source>
        <extracomment>Label of a panel&apos;s threshold line, e.g. &quot;Threshold 80.00 %&quot;</extracomment>
        <translation>Schwellenwert %1</translation>
    </message>
    <message>
        <source>Drag to resize the panel (it snaps to the board&apos;s grid)</source>
        <translation>Ziehen, um die Größe des Panels zu ändern (es rastet im Raster des Boards ein)</translation>
    </message>
    <message>
        <source>Resize the panel</source>
        <translation>Panelgröße ändern</translation>
    </message>
    <message>
        <source>Drag the title to move the panel (or use Move panel left / right in the chart menu)</source>
        <translation>Titel ziehen, um das Panel zu verschieben (oder im Diagrammmenü „Panel nach links / rechts verschieben“ wählen)</translation>
    </message>
    <message>
        <source>Hidden. Click to show this series.</source>
        <extracomment>Tooltip of a hidden series&apos; legend entry, under the series&apos; name</extracomment>
        <translation>Ausgeblendet. Klicken, um diese Serie anzuzeigen.</translation>
    </message>
    <message>
        <source>Click to hide this series.</source>
        <extracomment>Tooltip of a legend entry, under the series&apos; name</extracomment>
        <translation>Klicken, um diese Serie auszublenden.</translation>
    </message>
    <message>
        <source>No new data since %1</source>
        <extracomment>On a panel whose series stopped reporting; %1 = the time of their last point</extracomment>
        <translation>Keine neuen Daten seit %1</translation>
    </message>
</context>
<context>
    <name>wr::DesktopApp</name>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>Collaborative live monitoring: live charts, shared cursors and annotations.</source>
        <translation>Gemeinsames Live-Monitoring: Live-Diagramme, geteilte Cursor und Annotationen.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Version anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Join a hub instead of hosting one on this computer: a negotiate URL, a wss:// client URL or a connection string.</source>
        <translation>Einem Hub beitreten, statt auf diesem Computer einen zu hosten: eine Negotiate-URL, eine wss://-Client-URL oder eine Verbindungszeichenfolge.</translation>
    </message>
    <message>
        <source>The board to open (default: main).</source>
        <translation>Das zu öffnende Board (Standard: main).</translation>
    </message>
    <message>
        <source>Your display name.</source>
        <translation>Ihr Anzeigename.</translation>
    </message>
    <message>
        <source>A watchroom://join?hub=…&amp;board=… link to join.</source>
        <translation>Ein Link watchroom://join?hub=…&amp;board=… zum Beitreten.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>Give either a watchroom:// link or --join, not both.</source>
        <translation>Geben Sie entweder einen watchroom://-Link oder --join an, nicht beides.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid board name (letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; at most 64).</source>
        <translation>„%1“ ist kein gültiger Board-Name (Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; höchstens 64).</translation>
    </message>
    <message>
        <source>You are in a session hosted elsewhere. Start Watchroom without --join to host one from this computer.</source>
        <translation>Sie sind in einer Sitzung, die anderswo gehostet wird. Starten Sie Watchroom ohne --join, um selbst eine von diesem Computer aus zu hosten.</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>Verbindungsproblem: %1</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>Beitritt fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not start the local relay: %1</source>
        <translation>Das lokale Relay konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Could not start the connection.</source>
        <translation>Die Verbindung konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>Only a session hosted on this computer can be shared.</source>
        <translation>Nur eine auf diesem Computer gehostete Sitzung kann geteilt werden.</translation>
    </message>
    <message>
        <source>The local relay stopped: %1</source>
        <translation>Das lokale Relay wurde beendet: %1</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Where we are connected when hosting: the relay runs inside this app</extracomment>
        <translation>dieser Computer, geteilt unter %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>dieser Computer</translation>
    </message>
    <message>
        <source>Trust an https/wss hub whose certificate has this SHA-256 fingerprint (a self-signed certificate on a LAN).</source>
        <translation>Einem https/wss-Hub vertrauen, dessen Zertifikat diesen SHA-256-Fingerabdruck hat (ein selbstsigniertes Zertifikat im LAN).</translation>
    </message>
    <message>
        <source>--pin: %1</source>
        <translation>--pin: %1</translation>
    </message>
    <message>
        <source>Could not open the link: %1</source>
        <translation>Der Link konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Serving TLS needs both a certificate file and its key file.</source>
        <translation>Für TLS werden sowohl eine Zertifikatsdatei als auch die zugehörige Schlüsseldatei benötigt.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
</context>
<context>
    <name>wr::HostDialog</name>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Could not host: %1</source>
        <translation>Hosten fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Hosting at %1. Send a link to each person; a viewer link cannot annotate.</source>
        <translation>Gehostet unter %1. Senden Sie jeder Person einen Link; mit einem Betrachter-Link kann man nicht annotieren.</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>%1 link</source>
        <extracomment>Host dialog: the link to send to someone, for one role</extracomment>
        <translation>%1-Link</translation>
    </message>
    <message>
        <source>%1 hub URL</source>
        <extracomment>Host dialog: the hub URL for scripts and watchroom-cli, for one role</extracomment>
        <translation>%1-Hub-URL</translation>
    </message>
    <message>
        <source>Host again at this address</source>
        <translation>Erneut unter dieser Adresse hosten</translation>
    </message>
    <message>
        <source>Host a team session</source>
        <translation>Team-Sitzung hosten</translation>
    </message>
    <message>
        <source>The relay inside Watchroom moves to an address others on your network can reach. Annotations are kept; everyone needs a link with an invite secret to join.</source>
        <translation>Das Relay in Watchroom wechselt auf eine Adresse, die andere in Ihrem Netzwerk erreichen können. Annotationen bleiben erhalten; zum Beitreten braucht jede Person einen Link mit Einladungsgeheimnis.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Hosten</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>PEM certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Privater TLS-Schlüssel</translation>
    </message>
    <message>
        <source>PEM keys (*.key *.pem);;All files (*)</source>
        <translation>PEM-Schlüssel (*.key *.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Hosting at %1 with TLS, certificate %2. Send a link to each person (it carries the certificate&apos;s pin); a viewer link cannot annotate.</source>
        <translation>Gehostet unter %1 mit TLS, Zertifikat %2. Senden Sie jeder Person einen Link (er enthält den Pin des Zertifikats); mit einem Betrachter-Link kann man nicht annotieren.</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>optional: a PEM file, for https/wss</source>
        <translation>optional: eine PEM-Datei, für https/wss</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>its private key (PEM)</source>
        <translation>der zugehörige private Schlüssel (PEM)</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>Datei des privaten TLS-Schlüssels</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>TLS-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>Datei des privaten TLS-Schlüssels auswählen</translation>
    </message>
</context>
<context>
    <name>wr::JoinDialog</name>
    <message>
        <source>Board names use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; (at most 64).</source>
        <translation>Board-Namen bestehen aus Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos; und &apos;-&apos; (höchstens 64).</translation>
    </message>
    <message>
        <source>A negotiate URL: a Watchroom relay or an app server in front of Azure Web PubSub.</source>
        <translation>Eine Negotiate-URL: ein Watchroom-Relay oder ein App-Server vor Azure Web PubSub.</translation>
    </message>
    <message>
        <source>A client URL with its token: it works until the token expires.</source>
        <translation>Eine Client-URL mit Token: Sie funktioniert, bis das Token abläuft.</translation>
    </message>
    <message>
        <source>A connection string: a token is made on this computer. It is not remembered (it contains the access key).</source>
        <translation>Eine Verbindungszeichenfolge: Das Token wird auf diesem Computer erstellt. Sie wird nicht gespeichert (sie enthält den Zugriffsschlüssel).</translation>
    </message>
    <message>
        <source>Paste a watchroom:// link, a negotiate URL, a wss:// URL or a connection string.</source>
        <translation>Fügen Sie einen watchroom://-Link, eine Negotiate-URL, eine wss://-URL oder eine Verbindungszeichenfolge ein.</translation>
    </message>
    <message>
        <source>Your colour</source>
        <translation>Ihre Farbe</translation>
    </message>
    <message>
        <source>Join a session</source>
        <translation>Einer Sitzung beitreten</translation>
    </message>
    <message>
        <source>&amp;Hub:</source>
        <translation>&amp;Hub:</translation>
    </message>
    <message>
        <source>Hub address or link</source>
        <translation>Hub-Adresse oder Link</translation>
    </message>
    <message>
        <source>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</source>
        <translation>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</translation>
    </message>
    <message>
        <source>&amp;Board:</source>
        <translation>&amp;Board:</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>How others see you</source>
        <translation>So sehen andere Sie</translation>
    </message>
    <message>
        <source>Your &amp;colour:</source>
        <translation>Ihre &amp;Farbe:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Certificate pin: expected sha256: and the 64 hex digits of the hub&apos;s certificate fingerprint.</source>
        <translation>Zertifikats-Pin: erwartet wird sha256: gefolgt von den 64 Hexadezimalziffern des Fingerabdrucks des Hub-Zertifikats.</translation>
    </message>
    <message>
        <source>Certificate &amp;pin:</source>
        <translation>Zertifikats-&amp;Pin:</translation>
    </message>
    <message>
        <source>sha256:… (only for a self-signed certificate on a LAN)</source>
        <translation>sha256:… (nur für ein selbstsigniertes Zertifikat im LAN)</translation>
    </message>
    <message>
        <source>Certificate pin</source>
        <translation>Zertifikats-Pin</translation>
    </message>
    <message>
        <source>The SHA-256 fingerprint of the hub&apos;s certificate. With a pin, only that certificate is accepted; without one, the certificate must be trusted by this computer.</source>
        <translation>Der SHA-256-Fingerabdruck des Hub-Zertifikats. Mit einem Pin wird nur genau dieses Zertifikat akzeptiert; ohne Pin muss dieser Computer dem Zertifikat vertrauen.</translation>
    </message>
</context>
<context>
    <name>wr::JoinLinks</name>
    <message>
        <source>Paste a hub address or a watchroom:// link.</source>
        <translation>Fügen Sie eine Hub-Adresse oder einen watchroom://-Link ein.</translation>
    </message>
    <message>
        <source>This watchroom:// link is not an invitation to join (expected watchroom://join?hub=…).</source>
        <translation>Dieser watchroom://-Link ist keine Einladung zum Beitreten (erwartet: watchroom://join?hub=…).</translation>
    </message>
    <message>
        <source>The link names an invalid board.</source>
        <translation>Der Link nennt ein ungültiges Board.</translation>
    </message>
    <message>
        <source>This is not a hub address: paste a negotiate URL (http…/negotiate), a wss:// client URL or a connection string (Endpoint=…;AccessKey=…).</source>
        <translation>Das ist keine Hub-Adresse: Fügen Sie eine Negotiate-URL (http…/negotiate), eine wss://-Client-URL oder eine Verbindungszeichenfolge (Endpoint=…;AccessKey=…) ein.</translation>
    </message>
    <message>
        <source>The link&apos;s certificate pin is not valid (expected pin=sha256:&lt;64 hex digits&gt;).</source>
        <translation>Der Zertifikats-Pin im Link ist ungültig (erwartet: pin=sha256:&lt;64 Hexadezimalziffern&gt;).</translation>
    </message>
</context>
<context>
    <name>wr::MainWindow</name>
    <message>
        <source>1 m</source>
        <translation>1 min</translation>
    </message>
    <message>
        <source>5 m</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>15 m</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Watchroom</source>
        <translation>Watchroom</translation>
    </message>
    <message>
        <source>The person you followed left.</source>
        <translation>Die Person, der Sie gefolgt sind, ist gegangen.</translation>
    </message>
    <message>
        <source>The hub refused an annotation edit (%1): %2</source>
        <translation>Der Hub hat eine Annotationsänderung abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <extracomment>Tooltip of a time window preset, e.g. &quot;Show the last 5 m&quot;</extracomment>
        <translation>Die letzten %1 zeigen</translation>
    </message>
    <message>
        <source>Live</source>
        <extracomment>Toolbar button: follow the current time (live mode)</extracomment>
        <translation>Live</translation>
    </message>
    <message>
        <source>Follow the current time (Ctrl+L, or double-click a chart)</source>
        <translation>Der aktuellen Zeit folgen (Strg+L oder Doppelklick auf ein Diagramm)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Herauszoomen</translation>
    </message>
    <message>
        <source>Show twice the time span</source>
        <translation>Doppelte Zeitspanne zeigen</translation>
    </message>
    <message>
        <source>Annotate</source>
        <extracomment>Toolbar button: add an annotation at the current time for the whole board</extracomment>
        <translation>Annotieren</translation>
    </message>
    <message>
        <source>Join…</source>
        <extracomment>Toolbar button: join someone else&apos;s session</extracomment>
        <translation>Beitreten…</translation>
    </message>
    <message>
        <source>Join a session: paste a link or a hub address (Ctrl+J)</source>
        <translation>Einer Sitzung beitreten: Link oder Hub-Adresse einfügen (Strg+J)</translation>
    </message>
    <message>
        <source>Host…</source>
        <translation>Hosten…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Watchroom</source>
        <translation>Ü&amp;ber Watchroom</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <extracomment>Menu title: joining, hosting and settings</extracomment>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Waiting for metrics…

Charts appear here as soon as the first series arrives from the board&apos;s sources.</source>
        <translation>Warten auf Metriken…

Diagramme erscheinen hier, sobald die erste Zeitreihe aus den Quellen des Boards eintrifft.</translation>
    </message>
    <message>
        <source>Waiting for metrics</source>
        <translation>Warten auf Metriken</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Paketumlaufzeit</translation>
    </message>
    <message>
        <source>People present</source>
        <translation>Anwesende Personen</translation>
    </message>
    <message>
        <source>Live or paused</source>
        <translation>Live oder pausiert</translation>
    </message>
    <message>
        <source>Following the current time</source>
        <translation>Folgt der aktuellen Zeit</translation>
    </message>
    <message>
        <source>Paused — Ctrl+L returns to live</source>
        <extracomment>Status bar: the charts are paused (not following now)</extracomment>
        <translation>Pausiert — Strg+L kehrt zu Live zurück</translation>
    </message>
    <message>
        <source>the board</source>
        <translation>das Board</translation>
    </message>
    <message>
        <source>The annotation was not saved: %1</source>
        <translation>Die Annotation wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Only you here</source>
        <extracomment>Status bar: number of people on the board, including me (always 2 or more)</extracomment>
        <translation>Nur Sie hier</translation>
    </message>
    <message numerus="yes">
        <source>%n people here</source>
        <translation>
            <numerusform>%n Person hier</numerusform>
            <numerusform>%n Personen hier</numerusform>
        </translation>
    </message>
    <message>
        <source>Only you</source>
        <translation>Nur Sie</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindungsaufbau…</translation>
    </message>
    <message>
        <source>Recovering the connection…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Neuer Versuch in %n s</numerusform>
            <numerusform>Neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Erneuter Verbindungsaufbau…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Round trip %1 ms</source>
        <extracomment>Status bar: round-trip time to the hub in milliseconds</extracomment>
        <translation>Umlaufzeit %1 ms</translation>
    </message>
    <message>
        <source>You joined as a viewer: only annotators can add, edit or delete annotations. Ask the host for an annotator link.</source>
        <translation>Sie sind als Betrachter beigetreten: Nur Annotatoren können Annotationen hinzufügen, bearbeiten oder löschen. Bitten Sie den Host um einen Annotator-Link.</translation>
    </message>
    <message>
        <source>Your role (%1) may not add, edit or delete annotations.</source>
        <extracomment>%1 = a role name such as &quot;source&quot;</extracomment>
        <translation>Ihre Rolle (%1) darf keine Annotationen hinzufügen, bearbeiten oder löschen.</translation>
    </message>
    <message>
        <source>Add an annotation now for the whole board (Ctrl+M); Shift+click or Shift+drag on a chart for a panel</source>
        <translation>Jetzt eine Annotation für das ganze Board hinzufügen (Strg+M); Umschalt+Klick oder Umschalt+Ziehen auf einem Diagramm für ein Panel</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>das ganze Board</translation>
    </message>
    <message>
        <source>you</source>
        <extracomment>The author of an annotation is the local user</extracomment>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Annotation deleted</source>
        <translation>Annotation gelöscht</translation>
    </message>
    <message>
        <source>Annotation by %1</source>
        <translation>Annotation (Autor: %1)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Edit annotation…</source>
        <translation>Annotation bearbeiten…</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Annotation löschen</translation>
    </message>
    <message>
        <source>Add annotation here…</source>
        <translation>Hier Annotation hinzufügen…</translation>
    </message>
    <message>
        <source>Following %1 — any input of yours stops it</source>
        <translation>Sie folgen %1 — jede eigene Eingabe beendet das</translation>
    </message>
    <message>
        <source>Stopped following</source>
        <translation>Folgen beendet</translation>
    </message>
    <message>
        <source>%1 no longer allows others to follow them.</source>
        <translation>%1 erlaubt anderen nicht mehr, zu folgen.</translation>
    </message>
    <message>
        <source>Host a team session: let others on your network join this board</source>
        <translation>Team-Sitzung hosten: andere in Ihrem Netzwerk diesem Board beitreten lassen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Follow / stop following</source>
        <extracomment>Menu: stop following, or follow the person selected in the People dock</extracomment>
        <translation>&amp;Folgen / Folgen beenden</translation>
    </message>
    <message>
        <source>Stop following, or follow the person whose row in the People dock has the focus (else the first one you can)</source>
        <translation>Folgen beenden oder der Person folgen, deren Zeile unter „Personen“ den Fokus hat (sonst der ersten, der Sie folgen können)</translation>
    </message>
    <message>
        <source>Board as &amp;PNG…</source>
        <translation>Board als &amp;PNG…</translation>
    </message>
    <message>
        <source>Annotations as &amp;CSV…</source>
        <translation>Annotationen als &amp;CSV…</translation>
    </message>
    <message>
        <source>Annotations as &amp;JSON…</source>
        <translation>Annotationen als &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Menu title: export and layout files</extracomment>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Set threshold…</source>
        <translation>Schwellenwert festlegen…</translation>
    </message>
    <message>
        <source>Clear threshold</source>
        <translation>Schwellenwert entfernen</translation>
    </message>
    <message>
        <source>Export panel as PNG…</source>
        <translation>Panel als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export visible data as CSV…</source>
        <translation>Sichtbare Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>Every stored point of this panel&apos;s series in the time window shown</source>
        <translation>Alle gespeicherten Punkte der Zeitreihen dieses Panels im angezeigten Zeitfenster</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at:</source>
        <extracomment>%1 = panel title</extracomment>
        <translation>Gestrichelte Linie in „%1“ zeichnen bei:</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at (%2):</source>
        <extracomment>%1 = panel title, %2 = the unit of the value axis, e.g. &quot;MiB&quot;</extracomment>
        <translation>Gestrichelte Linie in „%1“ zeichnen bei (%2):</translation>
    </message>
    <message>
        <source>Nobody here can be followed right now</source>
        <translation>Gerade kann hier niemandem gefolgt werden</translation>
    </message>
    <message>
        <source>There is no panel %1.</source>
        <translation>Es gibt kein Panel %1.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <extracomment>Status bar after an export; %1 = the file</extracomment>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Export the board as PNG</source>
        <translation>Board als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export the panel as PNG</source>
        <translation>Panel als PNG exportieren</translation>
    </message>
    <message>
        <source>Export the visible data as CSV</source>
        <translation>Sichtbare Daten als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export annotations as CSV</source>
        <translation>Annotationen als CSV exportieren</translation>
    </message>
    <message>
        <source>Export annotations as JSON</source>
        <translation>Annotationen als JSON exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export the layout</source>
        <translation>Layout exportieren</translation>
    </message>
    <message>
        <source>Import a layout</source>
        <translation>Layout importieren</translation>
    </message>
    <message>
        <source>Layout imported</source>
        <translation>Layout importiert</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Export &amp;layout…</source>
        <translation>&amp;Layout exportieren…</translation>
    </message>
    <message>
        <source>&amp;Import layout…</source>
        <translation>Layout &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Hidden panels</source>
        <translation>&amp;Ausgeblendete Panels</translation>
    </message>
    <message>
        <source>Show all panels</source>
        <translation>Alle Panels anzeigen</translation>
    </message>
    <message>
        <source>This is not a Watchroom layout file.</source>
        <translation>Das ist keine Watchroom-Layoutdatei.</translation>
    </message>
    <message>
        <source>Move panel left</source>
        <translation>Panel nach links verschieben</translation>
    </message>
    <message>
        <source>Move panel right</source>
        <translation>Panel nach rechts verschieben</translation>
    </message>
    <message>
        <source>Hide panel</source>
        <translation>Panel ausblenden</translation>
    </message>
    <message>
        <source>View → Hidden panels shows it again</source>
        <translation>Ansicht → Ausgeblendete Panels zeigt es wieder an</translation>
    </message>
    <message>
        <source>All panels are hidden.

View → Hidden panels shows them again.</source>
        <translation>Alle Panels sind ausgeblendet.

Ansicht → Ausgeblendete Panels zeigt sie wieder an.</translation>
    </message>
    <message>
        <source>All panels are hidden</source>
        <translation>Alle Panels sind ausgeblendet</translation>
    </message>
    <message>
        <source>&amp;Visible data as CSV…</source>
        <extracomment>File → Export: the raw points of every visible panel in the time window shown</extracomment>
        <translation>&amp;Sichtbare Daten als CSV…</translation>
    </message>
    <message>
        <source>Every stored point of the visible panels&apos; series in the time window shown</source>
        <translation>Jeder gespeicherte Punkt der Serien der sichtbaren Panels im gezeigten Zeitfenster</translation>
    </message>
    <message>
        <source>Add &amp;panel…</source>
        <translation>&amp;Panel hinzufügen…</translation>
    </message>
    <message>
        <source>A new panel with series of the board you choose (Ctrl+Shift+N)</source>
        <translation>Ein neues Panel mit Serien des Boards, die Sie wählen (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>Choose at least one series.</source>
        <translation>Wählen Sie mindestens eine Serie.</translation>
    </message>
    <message>
        <source>The board has no series %1.</source>
        <translation>Das Board hat keine Serie %1.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit.</source>
        <translation>Ein Panel zeigt Serien einer Einheit.</translation>
    </message>
    <message>
        <source>Added the panel “%1”</source>
        <translation>Panel „%1“ hinzugefügt</translation>
    </message>
    <message>
        <source>The panel shows this series already.</source>
        <translation>Das Panel zeigt diese Serie bereits.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: this one shows %1, the series is in %2.</source>
        <translation>Ein Panel zeigt Serien einer Einheit: Dieses zeigt %1, die Serie ist in %2.</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>keine Einheit</translation>
    </message>
    <message>
        <source>Removed the panel “%1”</source>
        <translation>Panel „%1“ entfernt</translation>
    </message>
    <message>
        <source>Watchroom — %1 (this computer)</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1 (dieser Computer)</translation>
    </message>
    <message>
        <source>Watchroom — %1 (hosting at %2)</source>
        <extracomment>Window title; %1 = the board, %2 = address:port others join at</extracomment>
        <translation>Watchroom — %1 (gehostet unter %2)</translation>
    </message>
    <message>
        <source>Watchroom — %1</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <extracomment>Status bar: &quot;Connected to this computer&quot; (the relay runs inside this app)</extracomment>
        <translation>dieser Computer</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Status bar: &quot;Connected to this computer, shared at 192.168.1.20:7300&quot;</extracomment>
        <translation>dieser Computer, geteilt unter %1</translation>
    </message>
    <message>
        <source>Panel si&amp;ze</source>
        <translation>Panel&amp;größe</translation>
    </message>
    <message>
        <source>&amp;Half width</source>
        <translation>&amp;Halbe Breite</translation>
    </message>
    <message>
        <source>&amp;Full width</source>
        <translation>&amp;Volle Breite</translation>
    </message>
    <message>
        <source>&amp;Normal height</source>
        <translation>&amp;Normale Höhe</translation>
    </message>
    <message>
        <source>&amp;Tall (2 rows)</source>
        <translation>H&amp;och (2 Zeilen)</translation>
    </message>
    <message>
        <source>&amp;Extra tall (3 rows)</source>
        <translation>&amp;Extra hoch (3 Zeilen)</translation>
    </message>
    <message>
        <source>Add series…</source>
        <translation>Serien hinzufügen…</translation>
    </message>
    <message>
        <source>Show more series of the same unit on this panel</source>
        <translation>Weitere Serien derselben Einheit auf diesem Panel zeigen</translation>
    </message>
    <message>
        <source>Remove series</source>
        <translation>Serie entfernen</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>Panel entfernen</translation>
    </message>
    <message>
        <source>Another CSV export is still running.</source>
        <translation>Ein anderer CSV-Export läuft noch.</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Exporting %1: %2 %</source>
        <extracomment>Status bar while a CSV file is written; %1 = the file name, %2 = percent done</extracomment>
        <translation>Exportiere %1: %2 %</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Show series</source>
        <translation>Serien anzeigen</translation>
    </message>
    <message>
        <source>Alert</source>
        <extracomment>Submenu: when the panel&apos;s threshold notifies</extracomment>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>When a series goes above the threshold</source>
        <translation>Wenn eine Serie den Schwellenwert überschreitet</translation>
    </message>
    <message>
        <source>When a series goes below the threshold</source>
        <translation>Wenn eine Serie den Schwellenwert unterschreitet</translation>
    </message>
    <message>
        <source>Never (only draw the line)</source>
        <translation>Nie (nur die Linie zeichnen)</translation>
    </message>
    <message>
        <source>“%1” is back within its threshold.</source>
        <extracomment>Status bar when no series of the panel is beyond its threshold any more</extracomment>
        <translation>„%1“ ist wieder innerhalb seines Schwellenwerts.</translation>
    </message>
    <message>
        <source>%1: %2 is above the threshold %3 (%4 at %5).</source>
        <extracomment>Banner and notification; %1 = panel title, %2 = series name, %3 = the threshold, %4 = the series&apos; value, %5 = the time of that value (HH:mm:ss)</extracomment>
        <translation>%1: %2 liegt über dem Schwellenwert %3 (%4 um %5).</translation>
    </message>
    <message>
        <source>%1: %2 is below the threshold %3 (%4 at %5).</source>
        <translation>%1: %2 liegt unter dem Schwellenwert %3 (%4 um %5).</translation>
    </message>
    <message>
        <source>Threshold crossed</source>
        <extracomment>Title of the desktop notification when a threshold alerts</extracomment>
        <translation>Schwellenwert überschritten</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <extracomment>Button on a threshold alert&apos;s banner</extracomment>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Marks the crossing on the chart for everyone on the board</source>
        <translation>Markiert die Überschreitung im Diagramm für alle auf dem Board</translation>
    </message>
    <message>
        <source>Acknowledged: %1 below the threshold %2 (%3)</source>
        <translation>Bestätigt: %1 unter dem Schwellenwert %2 (%3)</translation>
    </message>
    <message>
        <source>Acknowledged: %1 above the threshold %2 (%3)</source>
        <translation>Bestätigt: %1 über dem Schwellenwert %2 (%3)</translation>
    </message>
    <message>
        <source>Acknowledged: everyone on the board sees it on “%1”.</source>
        <extracomment>Status bar after acknowledging a threshold alert</extracomment>
        <translation>Bestätigt: Alle auf dem Board sehen es in „%1“.</translation>
    </message>
    <message>
        <source>New data is arriving again.</source>
        <extracomment>Status bar: series that had stopped reporting send points again</extracomment>
        <translation>Es kommen wieder neue Daten an.</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <extracomment>%1 = the first panels&apos; titles, %2 = how many more panels</extracomment>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <source>No new data since %1 on %2.</source>
        <extracomment>Banner; %1 = the time of the oldest last point (HH:mm:ss), %2 = panel titles</extracomment>
        <translation>Keine neuen Daten seit %1 in %2.</translation>
    </message>
    <message>
        <source>Data stopped</source>
        <extracomment>Title of the desktop notification when series stop reporting</extracomment>
        <translation>Daten ausgeblieben</translation>
    </message>
</context>
<context>
    <name>wr::PanelGrouping</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Disk I/O</source>
        <translation>Datenträger-E/A</translation>
    </message>
    <message>
        <source>File systems</source>
        <translation>Dateisysteme</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>panel title: a family in percent, e.g. Memory %</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>panel title: family · host</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>wr::PresenceDock</name>
    <message>
        <source>Using %1</source>
        <translation>Verwendet %1</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Presence state of a person</extracomment>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>Presence state: no input for a minute</extracomment>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>away</source>
        <extracomment>Presence state: their window is hidden</extracomment>
        <translation>abwesend</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>das ganze Board</translation>
    </message>
    <message>
        <source>live</source>
        <extracomment>What a peer looks at: following the current time</extracomment>
        <translation>live</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Looking at %1, %2</source>
        <extracomment>What a peer looks at: %1 = panel title, %2 = &quot;live&quot; or a time range</extracomment>
        <translation>Betrachtet %1, %2</translation>
    </message>
    <message>
        <source>View not shared yet</source>
        <translation>Ansicht noch nicht geteilt</translation>
    </message>
    <message>
        <source>Unfollow</source>
        <translation>Nicht mehr folgen</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Stop following %1</source>
        <translation>%1 nicht mehr folgen</translation>
    </message>
    <message>
        <source>%1 has not shared what they look at yet</source>
        <translation>%1 hat noch nicht geteilt, was gerade angezeigt wird</translation>
    </message>
    <message>
        <source>%1 does not allow others to follow them</source>
        <translation>%1 erlaubt anderen nicht, zu folgen</translation>
    </message>
    <message>
        <source>Show what %1 looks at, until you move yourself</source>
        <translation>Anzeigen, was %1 sieht, bis Sie selbst navigieren</translation>
    </message>
    <message>
        <source>Unfollow %1</source>
        <translation>%1 nicht mehr folgen</translation>
    </message>
    <message>
        <source>Follow %1</source>
        <translation>%1 folgen</translation>
    </message>
    <message>
        <source>People</source>
        <extracomment>Dock title: the people on the board</extracomment>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Nobody else is here yet. Share a join link (Session → Host a team session) to invite others.</source>
        <translation>Noch niemand sonst hier. Teilen Sie einen Beitrittslink (Sitzung → Hosten…), um andere einzuladen.</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <extracomment>Accessible description of a person&apos;s row: %1 = state, %2 = what they look at</extracomment>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>People on this board</source>
        <translation>Personen auf diesem Board</translation>
    </message>
</context>
<context>
    <name>wr::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>System language</source>
        <extracomment>Language choice: use the operating system&apos;s language</extracomment>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Darstellung:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>Datenschutz:</translation>
    </message>
    <message>
        <source>Hide other people&apos;s cursors</source>
        <translation>Cursor anderer Personen ausblenden</translation>
    </message>
    <message>
        <source>Don&apos;t share my cursor</source>
        <translation>Meinen Cursor nicht teilen</translation>
    </message>
    <message>
        <source>Don&apos;t allow others to follow me</source>
        <translation>Anderen nicht erlauben, mir zu folgen</translation>
    </message>
    <message>
        <source>Others see what you look at, but cannot follow your view.</source>
        <translation>Andere sehen, was Sie betrachten, können Ihrer Ansicht aber nicht folgen.</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>Alarme:</translation>
    </message>
    <message>
        <source>Notify the desktop when a threshold is crossed</source>
        <translation>Desktop-Benachrichtigung, wenn ein Schwellenwert überschritten wird</translation>
    </message>
    <message>
        <source>A notification, and the taskbar or Dock asks for attention. The board&apos;s banner shows every alert either way.</source>
        <translation>Eine Benachrichtigung, und Taskleiste oder Dock bitten um Aufmerksamkeit. Das Banner des Boards zeigt jeden Alarm in jedem Fall.</translation>
    </message>
</context>
<context>
    <name>wr::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <extracomment>Keyboard shortcuts: submenu › action, e.g. &quot;Export › Board as PNG&quot;</extracomment>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>Um den Mauszeiger zoomen</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>Mausrad</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Ziehen</translation>
    </message>
    <message>
        <source>Zoom to a range</source>
        <translation>Auf einen Bereich zoomen</translation>
    </message>
    <message>
        <source>Right-drag</source>
        <translation>Rechts ziehen</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Zurück zu Live</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Doppelklick</translation>
    </message>
    <message>
        <source>Point annotation</source>
        <translation>Punkt-Annotation</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Umschalt+Klick</translation>
    </message>
    <message>
        <source>Region annotation</source>
        <translation>Bereichs-Annotation</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Umschalt+Ziehen</translation>
    </message>
    <message>
        <source>Menu: annotations, layout, threshold, export</source>
        <translation>Menü: Annotation, Layout, Schwelle, Export</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Rechtsklick</translation>
    </message>
    <message>
        <source>On a chart (mouse)</source>
        <extracomment>Keyboard shortcuts dialog: the group of mouse gestures on a chart</extracomment>
        <translation>In einem Diagramm (Maus)</translation>
    </message>
</context>
<context>
    <name>wr::Theme</name>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>Appearance: follow the operating system&apos;s light/dark setting</extracomment>
        <translation>System</translation>
    </message>
</context>
</TS>
