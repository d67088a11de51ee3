<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
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
        <translation>À propos de Watchroom</translation>
    </message>
    <message>
        <source>Watchroom %1</source>
        <translation>Watchroom %1</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (or GPL)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (ou GPL)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Charts — GPL-3.0 (the charts)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Charts — GPL-3.0 (les graphiques)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt HttpServer — GPL-3.0 (the embedded relay)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt HttpServer — GPL-3.0 (le relais intégré)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Collaborative live monitoring: live charts, shared cursors and annotations, on this computer, on a LAN or through Azure Web PubSub.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Supervision collaborative en direct : graphiques en direct, curseurs et annotations partagés, sur cet ordinateur, sur un réseau local ou via Azure Web PubSub.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Licence: %1. Because the open-source editions of Qt Charts and Qt HttpServer are GPL-3.0, Watchroom is GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Licence : %1. Les éditions open source de Qt Charts et de Qt HttpServer étant sous GPL-3.0, Watchroom est sous GPL-3.0-or-later.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1 (running on Qt %2), using:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Compilé avec Qt %1 (exécuté avec Qt %2), utilise :&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wr::AddPanelDialog</name>
    <message>
        <source>Add series to “%1”</source>
        <translation>Ajouter des séries à « %1 »</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>Ajouter un panneau</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>Search series by name, host or id</source>
        <translation>Rechercher des séries par nom, hôte ou identifiant</translation>
    </message>
    <message>
        <source>Search series</source>
        <translation>Rechercher des séries</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Series of the board</source>
        <translation>Séries du tableau</translation>
    </message>
    <message numerus="yes">
        <source>Without a unit (%n series)</source>
        <extracomment>A group of series in the Add panel dialog; %1 = a unit such as &quot;%&quot; or &quot;B/s&quot;</extracomment>
        <translation>
            <numerusform>Sans unité (%n série)</numerusform>
            <numerusform>Sans unité (%n séries)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unit %1 (%n series)</source>
        <translation>
            <numerusform>Unité %1 (%n série)</numerusform>
            <numerusform>Unité %1 (%n séries)</numerusform>
        </translation>
    </message>
    <message>
        <source>The board has no other series in this unit.</source>
        <translation>Le tableau n’a pas d’autre série dans cette unité.</translation>
    </message>
    <message>
        <source>The board has no series yet.</source>
        <translation>Le tableau n’a encore aucune série.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: check the series to show.</source>
        <translation>Un panneau montre des séries d’une seule unité : cochez les séries à afficher.</translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series without a unit can be added.</source>
        <translation>
            <numerusform>%n série choisie. Un panneau montre une seule unité : seules des séries sans unité peuvent être ajoutées.</numerusform>
            <numerusform>%n séries choisies. Un panneau montre une seule unité : seules des séries sans unité peuvent être ajoutées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series in %1 can be added.</source>
        <translation>
            <numerusform>%n série choisie. Un panneau montre une seule unité : seules des séries en %1 peuvent être ajoutées.</numerusform>
            <numerusform>%n séries choisies. Un panneau montre une seule unité : seules des séries en %1 peuvent être ajoutées.</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. Memory of every host</source>
        <translation>p. ex. Mémoire de tous les hôtes</translation>
    </message>
    <message>
        <source>Add series</source>
        <translation>Ajouter les séries</translation>
    </message>
</context>
<context>
    <name>wr::AnnotationDialog</name>
    <message>
        <source>New annotation</source>
        <translation>Nouvelle annotation</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>Modifier l&apos;annotation</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>annotation time range</comment>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Quand :</translation>
    </message>
    <message>
        <source>Annotation text</source>
        <translation>Texte de l&apos;annotation</translation>
    </message>
    <message>
        <source>What happened here?</source>
        <translation>Que s&apos;est-il passé ici ?</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Texte :</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>deploy, incident</source>
        <translation>déploiement, incident</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>Éti&amp;quettes :</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Couleur :</translation>
    </message>
    <message>
        <source>Show on every panel (not only %1)</source>
        <extracomment>Scope of an annotation: every panel of the board instead of only this one</extracomment>
        <translation>Afficher sur tous les panneaux (pas seulement %1)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>Couleur de l&apos;annotation</translation>
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
        <translation>tous les panneaux</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(sans texte)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Second line of an annotation in the list: author · time · panel</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <source>Show on the charts</source>
        <translation>Afficher sur les graphiques</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Annotations</source>
        <extracomment>Dock title: the list of annotations</extracomment>
        <translation>Annotations</translation>
    </message>
    <message>
        <source>Search text and tags</source>
        <translation>Rechercher dans le texte et les étiquettes</translation>
    </message>
    <message>
        <source>Search annotations</source>
        <translation>Rechercher des annotations</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtrer par étiquette</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n annotation(s)</source>
        <translation>
            <numerusform>%1 sur %n annotation</numerusform>
            <numerusform>%1 sur %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>Button under the annotation list: export them as CSV or JSON</extracomment>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Exporter les annotations</translation>
    </message>
</context>
<context>
    <name>wr::BannerBar</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <extracomment>A banner&apos;s message that happened several times: %1 = message, %n = how often</extracomment>
        <translation>
            <numerusform>%1 (%n fois)</numerusform>
            <numerusform>%1 (%n fois)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::BoardExport</name>
    <message>
        <source>There is nothing to export.</source>
        <translation>Il n&apos;y a rien à exporter.</translation>
    </message>
    <message>
        <source>The image could not be written.</source>
        <translation>Impossible d&apos;écrire l&apos;image.</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>L’export a été annulé.</translation>
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
            <numerusform>%n annotation ici (zoomez pour les séparer)</numerusform>
            <numerusform>%n annotations ici (zoomez pour les séparer)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::ChartPanel</name>
    <message>
        <source>Chart: %1</source>
        <translation>Graphique : %1</translation>
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
        <translation>aucune donnée</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>series: value</comment>
        <extracomment>The value tooltip: series name, value</extracomment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Threshold %1</source>
        <extracomment>Label of a panel&apos;s threshold line, e.g. &quot;Threshold 80.00 %&quot;</extracomment>
        <translation>Seuil %1</translation>
    </message>
    <message>
        <source>Drag to resize the panel (it snaps to the board&apos;s grid)</source>
        <translation>Faites glisser pour redimensionner le panneau (il s’aligne sur la grille du tableau)</translation>
    </message>
    <message>
        <source>Resize the panel</source>
        <translation>Redimensionner le panneau</translation>
    </message>
    <message>
        <source>Drag the title to move the panel (or use Move panel left / right in the chart menu)</source>
        <translation>Faites glisser le titre pour déplacer le panneau (ou utilisez « Déplacer le panneau vers la gauche / la droite » dans le menu du graphique)</translation>
    </message>
    <message>
        <source>Hidden. Click to show this series.</source>
        <extracomment>Tooltip of a hidden series&apos; legend entry, under the series&apos; name</extracomment>
        <translation>Masquée. Cliquez pour afficher cette série.</translation>
    </message>
    <message>
        <source>Click to hide this series.</source>
        <extracomment>Tooltip of a legend entry, under the series&apos; name</extracomment>
        <translation>Cliquez pour masquer cette série.</translation>
    </message>
    <message>
        <source>No new data since %1</source>
        <extracomment>On a panel whose series stopped reporting; %1 = the time of their last point</extracomment>
        <translation>Pas de nouvelles données depuis %1</translation>
    </message>
</context>
<context>
    <name>wr::DesktopApp</name>
    <message>
        <source>Guest</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>Collaborative live monitoring: live charts, shared cursors and annotations.</source>
        <translation>Supervision collaborative en direct : graphiques en direct, curseurs et annotations partagés.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Afficher la version et quitter.</translation>
    </message>
    <message>
        <source>Join a hub instead of hosting one on this computer: a negotiate URL, a wss:// client URL or a connection string.</source>
        <translation>Rejoindre un hub au lieu d&apos;en héberger un sur cet ordinateur : une URL negotiate, une URL client wss:// ou une chaîne de connexion.</translation>
    </message>
    <message>
        <source>The board to open (default: main).</source>
        <translation>Le tableau à ouvrir (par défaut : main).</translation>
    </message>
    <message>
        <source>Your display name.</source>
        <translation>Votre nom affiché.</translation>
    </message>
    <message>
        <source>A watchroom://join?hub=…&amp;board=… link to join.</source>
        <translation>Un lien watchroom://join?hub=…&amp;board=… à rejoindre.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Argument inattendu : %1</translation>
    </message>
    <message>
        <source>Give either a watchroom:// link or --join, not both.</source>
        <translation>Indiquez soit un lien watchroom://, soit --join, mais pas les deux.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid board name (letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; at most 64).</source>
        <translation>« %1 » n&apos;est pas un nom de tableau valide (lettres, chiffres, &apos;_&apos;, &apos;.&apos;, &apos;-&apos; ; 64 au plus).</translation>
    </message>
    <message>
        <source>You are in a session hosted elsewhere. Start Watchroom without --join to host one from this computer.</source>
        <translation>Vous êtes dans une session hébergée ailleurs. Lancez Watchroom sans --join pour en héberger une depuis cet ordinateur.</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>Problème de connexion : %1</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>Impossible de rejoindre : %1</translation>
    </message>
    <message>
        <source>Could not start the local relay: %1</source>
        <translation>Impossible de démarrer le relais local : %1</translation>
    </message>
    <message>
        <source>Could not start the connection.</source>
        <translation>Impossible d&apos;établir la connexion.</translation>
    </message>
    <message>
        <source>Only a session hosted on this computer can be shared.</source>
        <translation>Seule une session hébergée sur cet ordinateur peut être partagée.</translation>
    </message>
    <message>
        <source>The local relay stopped: %1</source>
        <translation>Le relais local s&apos;est arrêté : %1</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Where we are connected when hosting: the relay runs inside this app</extracomment>
        <translation>cet ordinateur, partagé sur %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <source>Trust an https/wss hub whose certificate has this SHA-256 fingerprint (a self-signed certificate on a LAN).</source>
        <translation>Faire confiance à un hub https/wss dont le certificat a cette empreinte SHA-256 (un certificat auto-signé sur un réseau local).</translation>
    </message>
    <message>
        <source>--pin: %1</source>
        <translation>--pin : %1</translation>
    </message>
    <message>
        <source>Could not open the link: %1</source>
        <translation>Impossible d&apos;ouvrir le lien : %1</translation>
    </message>
    <message>
        <source>Serving TLS needs both a certificate file and its key file.</source>
        <translation>Pour utiliser TLS, il faut à la fois un fichier de certificat et son fichier de clé.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 ne contient aucun certificat PEM.</translation>
    </message>
</context>
<context>
    <name>wr::HostDialog</name>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copier : %1</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copié dans le presse-papiers.</translation>
    </message>
    <message>
        <source>Could not host: %1</source>
        <translation>Impossible d&apos;héberger : %1</translation>
    </message>
    <message>
        <source>Hosting at %1. Send a link to each person; a viewer link cannot annotate.</source>
        <translation>Hébergé sur %1. Envoyez un lien à chaque personne ; un lien observateur ne permet pas d&apos;annoter.</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Observateur</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotateur</translation>
    </message>
    <message>
        <source>%1 link</source>
        <extracomment>Host dialog: the link to send to someone, for one role</extracomment>
        <translation>Lien (%1)</translation>
    </message>
    <message>
        <source>%1 hub URL</source>
        <extracomment>Host dialog: the hub URL for scripts and watchroom-cli, for one role</extracomment>
        <translation>URL du hub (%1)</translation>
    </message>
    <message>
        <source>Host again at this address</source>
        <translation>Héberger à nouveau à cette adresse</translation>
    </message>
    <message>
        <source>Host a team session</source>
        <translation>Héberger une session d&apos;équipe</translation>
    </message>
    <message>
        <source>The relay inside Watchroom moves to an address others on your network can reach. Annotations are kept; everyone needs a link with an invite secret to join.</source>
        <translation>Le relais intégré à Watchroom passe à une adresse que les autres personnes de votre réseau peuvent joindre. Les annotations sont conservées ; chacun a besoin d&apos;un lien contenant un secret d&apos;invitation pour rejoindre la session.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port :</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>n&apos;importe quel port libre</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Héberger</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Certificat TLS</translation>
    </message>
    <message>
        <source>PEM certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificats PEM (*.crt *.pem *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Clé privée TLS</translation>
    </message>
    <message>
        <source>PEM keys (*.key *.pem);;All files (*)</source>
        <translation>Clés PEM (*.key *.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Hosting at %1 with TLS, certificate %2. Send a link to each person (it carries the certificate&apos;s pin); a viewer link cannot annotate.</source>
        <translation>Hébergé sur %1 avec TLS, certificat %2. Envoyez un lien à chaque personne (il contient l&apos;empreinte du certificat) ; un lien observateur ne permet pas d&apos;annoter.</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>&amp;Certificat TLS :</translation>
    </message>
    <message>
        <source>optional: a PEM file, for https/wss</source>
        <translation>facultatif : un fichier PEM, pour https/wss</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>Fichier de certificat TLS</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>C&amp;lé TLS :</translation>
    </message>
    <message>
        <source>its private key (PEM)</source>
        <translation>sa clé privée (PEM)</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>Fichier de clé privée TLS</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>Choisir le fichier de certificat TLS</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>Choisir le fichier de clé privée TLS</translation>
    </message>
</context>
<context>
    <name>wr::JoinDialog</name>
    <message>
        <source>Board names use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; (at most 64).</source>
        <translation>Les noms de tableau se composent de lettres, de chiffres, de &apos;_&apos;, &apos;.&apos; et &apos;-&apos; (64 au plus).</translation>
    </message>
    <message>
        <source>A negotiate URL: a Watchroom relay or an app server in front of Azure Web PubSub.</source>
        <translation>Une URL negotiate : un relais Watchroom ou un serveur d&apos;application placé devant Azure Web PubSub.</translation>
    </message>
    <message>
        <source>A client URL with its token: it works until the token expires.</source>
        <translation>Une URL client avec son jeton : elle fonctionne jusqu&apos;à l&apos;expiration du jeton.</translation>
    </message>
    <message>
        <source>A connection string: a token is made on this computer. It is not remembered (it contains the access key).</source>
        <translation>Une chaîne de connexion : un jeton est créé sur cet ordinateur. Elle n&apos;est pas mémorisée (elle contient la clé d&apos;accès).</translation>
    </message>
    <message>
        <source>Paste a watchroom:// link, a negotiate URL, a wss:// URL or a connection string.</source>
        <translation>Collez un lien watchroom://, une URL negotiate, une URL wss:// ou une chaîne de connexion.</translation>
    </message>
    <message>
        <source>Your colour</source>
        <translation>Votre couleur</translation>
    </message>
    <message>
        <source>Join a session</source>
        <translation>Rejoindre une session</translation>
    </message>
    <message>
        <source>&amp;Hub:</source>
        <translation>&amp;Hub :</translation>
    </message>
    <message>
        <source>Hub address or link</source>
        <translation>Adresse du hub ou lien</translation>
    </message>
    <message>
        <source>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</source>
        <translation>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</translation>
    </message>
    <message>
        <source>&amp;Board:</source>
        <translation>&amp;Tableau :</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Votre &amp;nom :</translation>
    </message>
    <message>
        <source>How others see you</source>
        <translation>Comment les autres vous voient</translation>
    </message>
    <message>
        <source>Your &amp;colour:</source>
        <translation>Votre &amp;couleur :</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <source>Certificate pin: expected sha256: and the 64 hex digits of the hub&apos;s certificate fingerprint.</source>
        <translation>Empreinte du certificat : format attendu sha256: suivi des 64 chiffres hexadécimaux de l&apos;empreinte du certificat du hub.</translation>
    </message>
    <message>
        <source>Certificate &amp;pin:</source>
        <translation>&amp;Empreinte du certificat :</translation>
    </message>
    <message>
        <source>sha256:… (only for a self-signed certificate on a LAN)</source>
        <translation>sha256:… (uniquement pour un certificat auto-signé sur un réseau local)</translation>
    </message>
    <message>
        <source>Certificate pin</source>
        <translation>Empreinte du certificat</translation>
    </message>
    <message>
        <source>The SHA-256 fingerprint of the hub&apos;s certificate. With a pin, only that certificate is accepted; without one, the certificate must be trusted by this computer.</source>
        <translation>L&apos;empreinte SHA-256 du certificat du hub. Avec une empreinte, seul ce certificat est accepté ; sans empreinte, le certificat doit être approuvé par cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>wr::JoinLinks</name>
    <message>
        <source>Paste a hub address or a watchroom:// link.</source>
        <translation>Collez une adresse de hub ou un lien watchroom://.</translation>
    </message>
    <message>
        <source>This watchroom:// link is not an invitation to join (expected watchroom://join?hub=…).</source>
        <translation>Ce lien watchroom:// n&apos;est pas une invitation à rejoindre une session (attendu : watchroom://join?hub=…).</translation>
    </message>
    <message>
        <source>The link names an invalid board.</source>
        <translation>Le lien désigne un tableau non valide.</translation>
    </message>
    <message>
        <source>This is not a hub address: paste a negotiate URL (http…/negotiate), a wss:// client URL or a connection string (Endpoint=…;AccessKey=…).</source>
        <translation>Ce n&apos;est pas une adresse de hub : collez une URL negotiate (http…/negotiate), une URL client wss:// ou une chaîne de connexion (Endpoint=…;AccessKey=…).</translation>
    </message>
    <message>
        <source>The link&apos;s certificate pin is not valid (expected pin=sha256:&lt;64 hex digits&gt;).</source>
        <translation>L&apos;empreinte du certificat indiquée dans le lien n&apos;est pas valide (attendu : pin=sha256:&lt;64 chiffres hexadécimaux&gt;).</translation>
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
        <translation>La personne que vous suiviez est partie.</translation>
    </message>
    <message>
        <source>The hub refused an annotation edit (%1): %2</source>
        <translation>Le hub a refusé une modification d&apos;annotation (%1) : %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <extracomment>Tooltip of a time window preset, e.g. &quot;Show the last 5 m&quot;</extracomment>
        <translation>Afficher les dernières %1</translation>
    </message>
    <message>
        <source>Live</source>
        <extracomment>Toolbar button: follow the current time (live mode)</extracomment>
        <translation>Direct</translation>
    </message>
    <message>
        <source>Follow the current time (Ctrl+L, or double-click a chart)</source>
        <translation>Suivre l&apos;heure actuelle (Ctrl+L, ou double-clic sur un graphique)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Show twice the time span</source>
        <translation>Afficher une période deux fois plus longue</translation>
    </message>
    <message>
        <source>Annotate</source>
        <extracomment>Toolbar button: add an annotation at the current time for the whole board</extracomment>
        <translation>Annoter</translation>
    </message>
    <message>
        <source>Join…</source>
        <extracomment>Toolbar button: join someone else&apos;s session</extracomment>
        <translation>Rejoindre…</translation>
    </message>
    <message>
        <source>Join a session: paste a link or a hub address (Ctrl+J)</source>
        <translation>Rejoindre une session : collez un lien ou une adresse de hub (Ctrl+J)</translation>
    </message>
    <message>
        <source>Host…</source>
        <translation>Héberger…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;About Watchroom</source>
        <translation>À &amp;propos de Watchroom</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <extracomment>Menu title: joining, hosting and settings</extracomment>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Apparence</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>Waiting for metrics…

Charts appear here as soon as the first series arrives from the board&apos;s sources.</source>
        <translation>En attente de métriques…

Les graphiques apparaissent ici dès que la première série arrive des sources du tableau.</translation>
    </message>
    <message>
        <source>Waiting for metrics</source>
        <translation>En attente de métriques</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Temps aller-retour</translation>
    </message>
    <message>
        <source>People present</source>
        <translation>Personnes présentes</translation>
    </message>
    <message>
        <source>Live or paused</source>
        <translation>Direct ou en pause</translation>
    </message>
    <message>
        <source>Following the current time</source>
        <translation>Suit l&apos;heure actuelle</translation>
    </message>
    <message>
        <source>Paused — Ctrl+L returns to live</source>
        <extracomment>Status bar: the charts are paused (not following now)</extracomment>
        <translation>En pause — Ctrl+L revient au direct</translation>
    </message>
    <message>
        <source>the board</source>
        <translation>le tableau</translation>
    </message>
    <message>
        <source>The annotation was not saved: %1</source>
        <translation>L&apos;annotation n&apos;a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>Only you here</source>
        <extracomment>Status bar: number of people on the board, including me (always 2 or more)</extracomment>
        <translation>Personne d&apos;autre ici</translation>
    </message>
    <message numerus="yes">
        <source>%n people here</source>
        <translation>
            <numerusform>%n personne ici</numerusform>
            <numerusform>%n personnes ici</numerusform>
        </translation>
    </message>
    <message>
        <source>Only you</source>
        <translation>Vous seul</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Recovering the connection…</source>
        <translation>Rétablissement de la connexion…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconnexion dans %n s</numerusform>
            <numerusform>Reconnexion dans %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Round trip %1 ms</source>
        <extracomment>Status bar: round-trip time to the hub in milliseconds</extracomment>
        <translation>Aller-retour %1 ms</translation>
    </message>
    <message>
        <source>You joined as a viewer: only annotators can add, edit or delete annotations. Ask the host for an annotator link.</source>
        <translation>Vous avez rejoint la session en tant qu&apos;observateur : seuls les annotateurs peuvent ajouter, modifier ou supprimer des annotations. Demandez un lien annotateur à l&apos;hôte.</translation>
    </message>
    <message>
        <source>Your role (%1) may not add, edit or delete annotations.</source>
        <extracomment>%1 = a role name such as &quot;source&quot;</extracomment>
        <translation>Votre rôle (%1) ne permet pas d&apos;ajouter, de modifier ou de supprimer des annotations.</translation>
    </message>
    <message>
        <source>Add an annotation now for the whole board (Ctrl+M); Shift+click or Shift+drag on a chart for a panel</source>
        <translation>Ajouter maintenant une annotation pour tout le tableau (Ctrl+M) ; Maj+clic ou Maj+glisser sur un graphique pour un panneau</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>tout le tableau</translation>
    </message>
    <message>
        <source>you</source>
        <extracomment>The author of an annotation is the local user</extracomment>
        <translation>vous</translation>
    </message>
    <message>
        <source>Annotation deleted</source>
        <translation>Annotation supprimée</translation>
    </message>
    <message>
        <source>Annotation by %1</source>
        <translation>Annotation par %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Edit annotation…</source>
        <translation>Modifier l&apos;annotation…</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Supprimer l&apos;annotation</translation>
    </message>
    <message>
        <source>Add annotation here…</source>
        <translation>Ajouter une annotation ici…</translation>
    </message>
    <message>
        <source>Following %1 — any input of yours stops it</source>
        <translation>Vous suivez %1 — toute action de votre part l&apos;arrête</translation>
    </message>
    <message>
        <source>Stopped following</source>
        <translation>Suivi arrêté</translation>
    </message>
    <message>
        <source>%1 no longer allows others to follow them.</source>
        <translation>%1 n&apos;autorise plus les autres à suivre sa vue.</translation>
    </message>
    <message>
        <source>Host a team session: let others on your network join this board</source>
        <translation>Héberger une session d&apos;équipe : permettre aux autres personnes de votre réseau de rejoindre ce tableau</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;Follow / stop following</source>
        <extracomment>Menu: stop following, or follow the person selected in the People dock</extracomment>
        <translation>&amp;Suivre / ne plus suivre</translation>
    </message>
    <message>
        <source>Stop following, or follow the person whose row in the People dock has the focus (else the first one you can)</source>
        <translation>Arrêter de suivre, ou suivre la personne dont la ligne a le focus dans le volet Personnes (sinon la première que vous pouvez suivre)</translation>
    </message>
    <message>
        <source>Board as &amp;PNG…</source>
        <translation>Tableau en &amp;PNG…</translation>
    </message>
    <message>
        <source>Annotations as &amp;CSV…</source>
        <translation>Annotations en &amp;CSV…</translation>
    </message>
    <message>
        <source>Annotations as &amp;JSON…</source>
        <translation>Annotations en &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Menu title: export and layout files</extracomment>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Set threshold…</source>
        <translation>Définir un seuil…</translation>
    </message>
    <message>
        <source>Clear threshold</source>
        <translation>Supprimer le seuil</translation>
    </message>
    <message>
        <source>Export panel as PNG…</source>
        <translation>Exporter le panneau en PNG…</translation>
    </message>
    <message>
        <source>Export visible data as CSV…</source>
        <translation>Exporter les données visibles en CSV…</translation>
    </message>
    <message>
        <source>Every stored point of this panel&apos;s series in the time window shown</source>
        <translation>Tous les points enregistrés des séries de ce panneau dans la plage de temps affichée</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at:</source>
        <extracomment>%1 = panel title</extracomment>
        <translation>Tracer une ligne pointillée sur « %1 » à :</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at (%2):</source>
        <extracomment>%1 = panel title, %2 = the unit of the value axis, e.g. &quot;MiB&quot;</extracomment>
        <translation>Tracer une ligne pointillée sur « %1 » à (%2) :</translation>
    </message>
    <message>
        <source>Nobody here can be followed right now</source>
        <translation>Personne ici ne peut être suivi pour le moment</translation>
    </message>
    <message>
        <source>There is no panel %1.</source>
        <translation>Il n&apos;y a pas de panneau %1.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <extracomment>Status bar after an export; %1 = the file</extracomment>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>Impossible d&apos;enregistrer %1 : %2</translation>
    </message>
    <message>
        <source>Export the board as PNG</source>
        <translation>Exporter le tableau en PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Export the panel as PNG</source>
        <translation>Exporter le panneau en PNG</translation>
    </message>
    <message>
        <source>Export the visible data as CSV</source>
        <translation>Exporter les données visibles en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export annotations as CSV</source>
        <translation>Exporter les annotations en CSV</translation>
    </message>
    <message>
        <source>Export annotations as JSON</source>
        <translation>Exporter les annotations en JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Export the layout</source>
        <translation>Exporter la disposition</translation>
    </message>
    <message>
        <source>Import a layout</source>
        <translation>Importer une disposition</translation>
    </message>
    <message>
        <source>Layout imported</source>
        <translation>Disposition importée</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>Impossible d&apos;importer %1 : %2</translation>
    </message>
    <message>
        <source>Export &amp;layout…</source>
        <translation>Exporter la &amp;disposition…</translation>
    </message>
    <message>
        <source>&amp;Import layout…</source>
        <translation>&amp;Importer une disposition…</translation>
    </message>
    <message>
        <source>&amp;Hidden panels</source>
        <translation>Panneaux &amp;masqués</translation>
    </message>
    <message>
        <source>Show all panels</source>
        <translation>Afficher tous les panneaux</translation>
    </message>
    <message>
        <source>This is not a Watchroom layout file.</source>
        <translation>Ce n&apos;est pas un fichier de disposition Watchroom.</translation>
    </message>
    <message>
        <source>Move panel left</source>
        <translation>Déplacer le panneau vers la gauche</translation>
    </message>
    <message>
        <source>Move panel right</source>
        <translation>Déplacer le panneau vers la droite</translation>
    </message>
    <message>
        <source>Hide panel</source>
        <translation>Masquer le panneau</translation>
    </message>
    <message>
        <source>View → Hidden panels shows it again</source>
        <translation>Affichage → Panneaux masqués le réaffiche</translation>
    </message>
    <message>
        <source>All panels are hidden.

View → Hidden panels shows them again.</source>
        <translation>Tous les panneaux sont masqués.

Affichage → Panneaux masqués les réaffiche.</translation>
    </message>
    <message>
        <source>All panels are hidden</source>
        <translation>Tous les panneaux sont masqués</translation>
    </message>
    <message>
        <source>&amp;Visible data as CSV…</source>
        <extracomment>File → Export: the raw points of every visible panel in the time window shown</extracomment>
        <translation>Données &amp;visibles en CSV…</translation>
    </message>
    <message>
        <source>Every stored point of the visible panels&apos; series in the time window shown</source>
        <translation>Chaque point enregistré des séries des panneaux visibles dans la fenêtre de temps affichée</translation>
    </message>
    <message>
        <source>Add &amp;panel…</source>
        <translation>Ajouter un &amp;panneau…</translation>
    </message>
    <message>
        <source>A new panel with series of the board you choose (Ctrl+Shift+N)</source>
        <translation>Un nouveau panneau avec les séries du tableau que vous choisissez (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <source>Choose at least one series.</source>
        <translation>Choisissez au moins une série.</translation>
    </message>
    <message>
        <source>The board has no series %1.</source>
        <translation>Le tableau n’a pas de série %1.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit.</source>
        <translation>Un panneau montre des séries d’une seule unité.</translation>
    </message>
    <message>
        <source>Added the panel “%1”</source>
        <translation>Panneau « %1 » ajouté</translation>
    </message>
    <message>
        <source>The panel shows this series already.</source>
        <translation>Le panneau affiche déjà cette série.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: this one shows %1, the series is in %2.</source>
        <translation>Un panneau montre des séries d’une seule unité : celui-ci montre %1, la série est en %2.</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>aucune unité</translation>
    </message>
    <message>
        <source>Removed the panel “%1”</source>
        <translation>Panneau « %1 » supprimé</translation>
    </message>
    <message>
        <source>Watchroom — %1 (this computer)</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1 (cet ordinateur)</translation>
    </message>
    <message>
        <source>Watchroom — %1 (hosting at %2)</source>
        <extracomment>Window title; %1 = the board, %2 = address:port others join at</extracomment>
        <translation>Watchroom — %1 (hébergé sur %2)</translation>
    </message>
    <message>
        <source>Watchroom — %1</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <extracomment>Status bar: &quot;Connected to this computer&quot; (the relay runs inside this app)</extracomment>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Status bar: &quot;Connected to this computer, shared at 192.168.1.20:7300&quot;</extracomment>
        <translation>cet ordinateur, partagé sur %1</translation>
    </message>
    <message>
        <source>Panel si&amp;ze</source>
        <translation>&amp;Taille du panneau</translation>
    </message>
    <message>
        <source>&amp;Half width</source>
        <translation>&amp;Demi-largeur</translation>
    </message>
    <message>
        <source>&amp;Full width</source>
        <translation>&amp;Pleine largeur</translation>
    </message>
    <message>
        <source>&amp;Normal height</source>
        <translation>Hauteur &amp;normale</translation>
    </message>
    <message>
        <source>&amp;Tall (2 rows)</source>
        <translation>&amp;Haute (2 lignes)</translation>
    </message>
    <message>
        <source>&amp;Extra tall (3 rows)</source>
        <translation>&amp;Très haute (3 lignes)</translation>
    </message>
    <message>
        <source>Add series…</source>
        <translation>Ajouter des séries…</translation>
    </message>
    <message>
        <source>Show more series of the same unit on this panel</source>
        <translation>Afficher d’autres séries de la même unité sur ce panneau</translation>
    </message>
    <message>
        <source>Remove series</source>
        <translation>Retirer une série</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>Supprimer le panneau</translation>
    </message>
    <message>
        <source>Another CSV export is still running.</source>
        <translation>Un autre export CSV est encore en cours.</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>Il n&apos;y a rien à exporter.</translation>
    </message>
    <message>
        <source>Exporting %1: %2 %</source>
        <extracomment>Status bar while a CSV file is written; %1 = the file name, %2 = percent done</extracomment>
        <translation>Export de %1 : %2 %</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>L’export a été annulé.</translation>
    </message>
    <message>
        <source>Show series</source>
        <translation>Afficher les séries</translation>
    </message>
    <message>
        <source>Alert</source>
        <extracomment>Submenu: when the panel&apos;s threshold notifies</extracomment>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>When a series goes above the threshold</source>
        <translation>Quand une série passe au-dessus du seuil</translation>
    </message>
    <message>
        <source>When a series goes below the threshold</source>
        <translation>Quand une série passe au-dessous du seuil</translation>
    </message>
    <message>
        <source>Never (only draw the line)</source>
        <translation>Jamais (tracer seulement la ligne)</translation>
    </message>
    <message>
        <source>“%1” is back within its threshold.</source>
        <extracomment>Status bar when no series of the panel is beyond its threshold any more</extracomment>
        <translation>« %1 » est revenu dans son seuil.</translation>
    </message>
    <message>
        <source>%1: %2 is above the threshold %3 (%4 at %5).</source>
        <extracomment>Banner and notification; %1 = panel title, %2 = series name, %3 = the threshold, %4 = the series&apos; value, %5 = the time of that value (HH:mm:ss)</extracomment>
        <translation>%1 : %2 est au-dessus du seuil %3 (%4 à %5).</translation>
    </message>
    <message>
        <source>%1: %2 is below the threshold %3 (%4 at %5).</source>
        <translation>%1 : %2 est au-dessous du seuil %3 (%4 à %5).</translation>
    </message>
    <message>
        <source>Threshold crossed</source>
        <extracomment>Title of the desktop notification when a threshold alerts</extracomment>
        <translation>Seuil franchi</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <extracomment>Button on a threshold alert&apos;s banner</extracomment>
        <translation>Prendre en compte</translation>
    </message>
    <message>
        <source>Marks the crossing on the chart for everyone on the board</source>
        <translation>Marque le franchissement sur le graphique pour tout le monde sur le tableau</translation>
    </message>
    <message>
        <source>Acknowledged: %1 below the threshold %2 (%3)</source>
        <translation>Pris en compte : %1 au-dessous du seuil %2 (%3)</translation>
    </message>
    <message>
        <source>Acknowledged: %1 above the threshold %2 (%3)</source>
        <translation>Pris en compte : %1 au-dessus du seuil %2 (%3)</translation>
    </message>
    <message>
        <source>Acknowledged: everyone on the board sees it on “%1”.</source>
        <extracomment>Status bar after acknowledging a threshold alert</extracomment>
        <translation>Pris en compte : tout le monde sur le tableau le voit sur « %1 ».</translation>
    </message>
    <message>
        <source>New data is arriving again.</source>
        <extracomment>Status bar: series that had stopped reporting send points again</extracomment>
        <translation>De nouvelles données arrivent de nouveau.</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <extracomment>%1 = the first panels&apos; titles, %2 = how many more panels</extracomment>
        <translation>%1 et %2 de plus</translation>
    </message>
    <message>
        <source>No new data since %1 on %2.</source>
        <extracomment>Banner; %1 = the time of the oldest last point (HH:mm:ss), %2 = panel titles</extracomment>
        <translation>Pas de nouvelles données depuis %1 sur %2.</translation>
    </message>
    <message>
        <source>Data stopped</source>
        <extracomment>Title of the desktop notification when series stop reporting</extracomment>
        <translation>Données interrompues</translation>
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
        <translation>Charge</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Disk I/O</source>
        <translation>E/S disque</translation>
    </message>
    <message>
        <source>File systems</source>
        <translation>Systèmes de fichiers</translation>
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
        <translation>Utilise %1</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Presence state of a person</extracomment>
        <translation>actif</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>Presence state: no input for a minute</extracomment>
        <translation>inactif</translation>
    </message>
    <message>
        <source>away</source>
        <extracomment>Presence state: their window is hidden</extracomment>
        <translation>absent</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>tout le tableau</translation>
    </message>
    <message>
        <source>live</source>
        <extracomment>What a peer looks at: following the current time</extracomment>
        <translation>en direct</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Looking at %1, %2</source>
        <extracomment>What a peer looks at: %1 = panel title, %2 = &quot;live&quot; or a time range</extracomment>
        <translation>Regarde %1, %2</translation>
    </message>
    <message>
        <source>View not shared yet</source>
        <translation>Vue pas encore partagée</translation>
    </message>
    <message>
        <source>Unfollow</source>
        <translation>Ne plus suivre</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>Stop following %1</source>
        <translation>Ne plus suivre %1</translation>
    </message>
    <message>
        <source>%1 has not shared what they look at yet</source>
        <translation>%1 n&apos;a pas encore partagé sa vue</translation>
    </message>
    <message>
        <source>%1 does not allow others to follow them</source>
        <translation>%1 n&apos;autorise pas les autres à suivre sa vue</translation>
    </message>
    <message>
        <source>Show what %1 looks at, until you move yourself</source>
        <translation>Afficher ce que regarde %1, jusqu&apos;à ce que vous vous déplaciez vous-même</translation>
    </message>
    <message>
        <source>Unfollow %1</source>
        <translation>Ne plus suivre %1</translation>
    </message>
    <message>
        <source>Follow %1</source>
        <translation>Suivre %1</translation>
    </message>
    <message>
        <source>People</source>
        <extracomment>Dock title: the people on the board</extracomment>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Nobody else is here yet. Share a join link (Session → Host a team session) to invite others.</source>
        <translation>Personne d&apos;autre n&apos;est encore là. Partagez un lien d&apos;invitation (Session → Héberger…) pour inviter d&apos;autres personnes.</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <extracomment>Accessible description of a person&apos;s row: %1 = state, %2 = what they look at</extracomment>
        <translation>%1 ; %2</translation>
    </message>
    <message>
        <source>People on this board</source>
        <translation>Personnes sur ce tableau</translation>
    </message>
</context>
<context>
    <name>wr::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>System language</source>
        <extracomment>Language choice: use the operating system&apos;s language</extracomment>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Apparence :</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>Confidentialité :</translation>
    </message>
    <message>
        <source>Hide other people&apos;s cursors</source>
        <translation>Masquer les curseurs des autres</translation>
    </message>
    <message>
        <source>Don&apos;t share my cursor</source>
        <translation>Ne pas partager mon curseur</translation>
    </message>
    <message>
        <source>Don&apos;t allow others to follow me</source>
        <translation>Ne pas autoriser les autres à me suivre</translation>
    </message>
    <message>
        <source>Others see what you look at, but cannot follow your view.</source>
        <translation>Les autres voient ce que vous regardez, mais ne peuvent pas suivre votre vue.</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>Alertes :</translation>
    </message>
    <message>
        <source>Notify the desktop when a threshold is crossed</source>
        <translation>Notifier le bureau quand un seuil est franchi</translation>
    </message>
    <message>
        <source>A notification, and the taskbar or Dock asks for attention. The board&apos;s banner shows every alert either way.</source>
        <translation>Une notification, et la barre des tâches ou le Dock attire l&apos;attention. Le bandeau du tableau affiche chaque alerte dans tous les cas.</translation>
    </message>
</context>
<context>
    <name>wr::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <extracomment>Keyboard shortcuts: submenu › action, e.g. &quot;Export › Board as PNG&quot;</extracomment>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>Zoomer autour du pointeur</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>Molette</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Glisser</translation>
    </message>
    <message>
        <source>Zoom to a range</source>
        <translation>Zoomer sur une plage</translation>
    </message>
    <message>
        <source>Right-drag</source>
        <translation>Glisser (clic droit)</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Retour au direct</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Double-clic</translation>
    </message>
    <message>
        <source>Point annotation</source>
        <translation>Annotation ponctuelle</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Maj+clic</translation>
    </message>
    <message>
        <source>Region annotation</source>
        <translation>Annotation de plage</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Maj+glisser</translation>
    </message>
    <message>
        <source>Menu: annotations, layout, threshold, export</source>
        <translation>Menu : annotations, disposition, seuil, export</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Clic droit</translation>
    </message>
    <message>
        <source>On a chart (mouse)</source>
        <extracomment>Keyboard shortcuts dialog: the group of mouse gestures on a chart</extracomment>
        <translation>Sur un graphique (souris)</translation>
    </message>
</context>
<context>
    <name>wr::Theme</name>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>Appearance: follow the operating system&apos;s light/dark setting</extracomment>
        <translation>Système</translation>
    </message>
</context>
</TS>
