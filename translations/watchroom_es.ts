<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
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
        <translation>Acerca de Watchroom</translation>
    </message>
    <message>
        <source>Watchroom %1</source>
        <translation>Watchroom %1</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (or GPL)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (o GPL)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Charts — GPL-3.0 (the charts)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Charts — GPL-3.0 (los gráficos)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt HttpServer — GPL-3.0 (the embedded relay)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt HttpServer — GPL-3.0 (el retransmisor integrado)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Collaborative live monitoring: live charts, shared cursors and annotations, on this computer, on a LAN or through Azure Web PubSub.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Monitorización colaborativa en vivo: gráficos en vivo, cursores y anotaciones compartidos, en este equipo, en una red local o a través de Azure Web PubSub.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Licence: %1. Because the open-source editions of Qt Charts and Qt HttpServer are GPL-3.0, Watchroom is GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Licencia: %1. Como las ediciones de código abierto de Qt Charts y Qt HttpServer son GPL-3.0, Watchroom es GPL-3.0-or-later.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1 (running on Qt %2), using:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Compilado con Qt %1 (se ejecuta con Qt %2); usa:&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wr::AddPanelDialog</name>
    <message>
        <source>Add series to “%1”</source>
        <translation>Añadir series a «%1»</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>Añadir panel</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>Search series by name, host or id</source>
        <translation>Buscar series por nombre, host o id</translation>
    </message>
    <message>
        <source>Search series</source>
        <translation>Buscar series</translation>
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
        <translation>Id</translation>
    </message>
    <message>
        <source>Series of the board</source>
        <translation>Series del tablero</translation>
    </message>
    <message numerus="yes">
        <source>Without a unit (%n series)</source>
        <extracomment>A group of series in the Add panel dialog; %1 = a unit such as &quot;%&quot; or &quot;B/s&quot;</extracomment>
        <translation>
            <numerusform>Sin unidad (%n serie)</numerusform>
            <numerusform>Sin unidad (%n series)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unit %1 (%n series)</source>
        <translation>
            <numerusform>Unidad %1 (%n serie)</numerusform>
            <numerusform>Unidad %1 (%n series)</numerusform>
        </translation>
    </message>
    <message>
        <source>The board has no other series in this unit.</source>
        <translation>El tablero no tiene más series en esta unidad.</translation>
    </message>
    <message>
        <source>The board has no series yet.</source>
        <translation>El tablero aún no tiene series.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: check the series to show.</source>
        <translation>Un panel muestra series de una sola unidad: marque las series que quiere ver.</translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series without a unit can be added.</source>
        <translation>
            <numerusform>%n serie elegida. Un panel muestra una sola unidad: solo se pueden añadir series sin unidad.</numerusform>
            <numerusform>%n series elegidas. Un panel muestra una sola unidad: solo se pueden añadir series sin unidad.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series in %1 can be added.</source>
        <translation>
            <numerusform>%n serie elegida. Un panel muestra una sola unidad: solo se pueden añadir series en %1.</numerusform>
            <numerusform>%n series elegidas. Un panel muestra una sola unidad: solo se pueden añadir series en %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. Memory of every host</source>
        <translation>p. ej. Memoria de todos los hosts</translation>
    </message>
    <message>
        <source>Add series</source>
        <translation>Añadir series</translation>
    </message>
</context>
<context>
    <name>wr::AnnotationDialog</name>
    <message>
        <source>New annotation</source>
        <translation>Nueva anotación</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>Editar anotación</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>annotation time range</comment>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Cuándo:</translation>
    </message>
    <message>
        <source>Annotation text</source>
        <translation>Texto de la anotación</translation>
    </message>
    <message>
        <source>What happened here?</source>
        <translation>¿Qué pasó aquí?</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Texto:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>deploy, incident</source>
        <translation>despliegue, incidente</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>Eti&amp;quetas:</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Color:</translation>
    </message>
    <message>
        <source>Show on every panel (not only %1)</source>
        <extracomment>Scope of an annotation: every panel of the board instead of only this one</extracomment>
        <translation>Mostrar en todos los paneles (no solo en %1)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>Color de la anotación</translation>
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
        <translation>todos los paneles</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(sin texto)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Second line of an annotation in the list: author · time · panel</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Todas las etiquetas</translation>
    </message>
    <message>
        <source>Show on the charts</source>
        <translation>Mostrar en los gráficos</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Annotations</source>
        <extracomment>Dock title: the list of annotations</extracomment>
        <translation>Anotaciones</translation>
    </message>
    <message>
        <source>Search text and tags</source>
        <translation>Buscar en texto y etiquetas</translation>
    </message>
    <message>
        <source>Search annotations</source>
        <translation>Buscar anotaciones</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtrar por etiqueta</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n anotación</numerusform>
            <numerusform>%n anotaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n annotation(s)</source>
        <translation>
            <numerusform>%1 de %n anotación</numerusform>
            <numerusform>%1 de %n anotaciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>Button under the annotation list: export them as CSV or JSON</extracomment>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Exportar anotaciones</translation>
    </message>
</context>
<context>
    <name>wr::BannerBar</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Descartar mensaje</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <extracomment>A banner&apos;s message that happened several times: %1 = message, %n = how often</extracomment>
        <translation>
            <numerusform>%1 (%n vez)</numerusform>
            <numerusform>%1 (%n veces)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::BoardExport</name>
    <message>
        <source>There is nothing to export.</source>
        <translation>No hay nada que exportar.</translation>
    </message>
    <message>
        <source>The image could not be written.</source>
        <translation>No se pudo escribir la imagen.</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>La exportación se canceló.</translation>
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
            <numerusform>%n anotación aquí (amplía para separarlas)</numerusform>
            <numerusform>%n anotaciones aquí (amplía para separarlas)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::ChartPanel</name>
    <message>
        <source>Chart: %1</source>
        <translation>Gráfico: %1</translation>
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
        <translation>sin datos</translation>
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
        <translation>Umbral %1</translation>
    </message>
    <message>
        <source>Drag to resize the panel (it snaps to the board&apos;s grid)</source>
        <translation>Arrastre para cambiar el tamaño del panel (se ajusta a la cuadrícula del tablero)</translation>
    </message>
    <message>
        <source>Resize the panel</source>
        <translation>Cambiar el tamaño del panel</translation>
    </message>
    <message>
        <source>Drag the title to move the panel (or use Move panel left / right in the chart menu)</source>
        <translation>Arrastre el título para mover el panel (o use «Mover el panel a la izquierda / derecha» en el menú del gráfico)</translation>
    </message>
    <message>
        <source>Hidden. Click to show this series.</source>
        <extracomment>Tooltip of a hidden series&apos; legend entry, under the series&apos; name</extracomment>
        <translation>Oculta. Haga clic para mostrar esta serie.</translation>
    </message>
    <message>
        <source>Click to hide this series.</source>
        <extracomment>Tooltip of a legend entry, under the series&apos; name</extracomment>
        <translation>Haga clic para ocultar esta serie.</translation>
    </message>
    <message>
        <source>No new data since %1</source>
        <extracomment>On a panel whose series stopped reporting; %1 = the time of their last point</extracomment>
        <translation>Sin datos nuevos desde %1</translation>
    </message>
</context>
<context>
    <name>wr::DesktopApp</name>
    <message>
        <source>Guest</source>
        <translation>Invitado</translation>
    </message>
    <message>
        <source>Collaborative live monitoring: live charts, shared cursors and annotations.</source>
        <translation>Monitorización colaborativa en vivo: gráficos en vivo, cursores y anotaciones compartidos.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Mostrar la versión y salir.</translation>
    </message>
    <message>
        <source>Join a hub instead of hosting one on this computer: a negotiate URL, a wss:// client URL or a connection string.</source>
        <translation>Unirse a un hub en lugar de alojar uno en este equipo: una URL de negotiate, una URL de cliente wss:// o una cadena de conexión.</translation>
    </message>
    <message>
        <source>The board to open (default: main).</source>
        <translation>El tablero que se abre (predeterminado: main).</translation>
    </message>
    <message>
        <source>Your display name.</source>
        <translation>Tu nombre visible.</translation>
    </message>
    <message>
        <source>A watchroom://join?hub=…&amp;board=… link to join.</source>
        <translation>Un enlace watchroom://join?hub=…&amp;board=… al que unirse.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Argumento inesperado: %1</translation>
    </message>
    <message>
        <source>Give either a watchroom:// link or --join, not both.</source>
        <translation>Indica un enlace watchroom:// o --join, no ambos.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid board name (letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; at most 64).</source>
        <translation>«%1» no es un nombre de tablero válido (letras, dígitos, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; 64 como máximo).</translation>
    </message>
    <message>
        <source>You are in a session hosted elsewhere. Start Watchroom without --join to host one from this computer.</source>
        <translation>Estás en una sesión alojada en otro lugar. Inicia Watchroom sin --join para alojar una desde este equipo.</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>Problema de conexión: %1</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>No se pudo unir: %1</translation>
    </message>
    <message>
        <source>Could not start the local relay: %1</source>
        <translation>No se pudo iniciar el retransmisor local: %1</translation>
    </message>
    <message>
        <source>Could not start the connection.</source>
        <translation>No se pudo iniciar la conexión.</translation>
    </message>
    <message>
        <source>Only a session hosted on this computer can be shared.</source>
        <translation>Solo se puede compartir una sesión alojada en este equipo.</translation>
    </message>
    <message>
        <source>The local relay stopped: %1</source>
        <translation>El retransmisor local se detuvo: %1</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Where we are connected when hosting: the relay runs inside this app</extracomment>
        <translation>este equipo, compartido en %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>este equipo</translation>
    </message>
    <message>
        <source>Trust an https/wss hub whose certificate has this SHA-256 fingerprint (a self-signed certificate on a LAN).</source>
        <translation>Confiar en un hub https/wss cuyo certificado tenga esta huella SHA-256 (un certificado autofirmado en una red local).</translation>
    </message>
    <message>
        <source>--pin: %1</source>
        <translation>--pin: %1</translation>
    </message>
    <message>
        <source>Could not open the link: %1</source>
        <translation>No se pudo abrir el enlace: %1</translation>
    </message>
    <message>
        <source>Serving TLS needs both a certificate file and its key file.</source>
        <translation>Para usar TLS se necesitan tanto un archivo de certificado como su archivo de clave.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 no contiene ningún certificado PEM.</translation>
    </message>
</context>
<context>
    <name>wr::HostDialog</name>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar: %1</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copiado al portapapeles.</translation>
    </message>
    <message>
        <source>Could not host: %1</source>
        <translation>No se pudo alojar: %1</translation>
    </message>
    <message>
        <source>Hosting at %1. Send a link to each person; a viewer link cannot annotate.</source>
        <translation>Alojado en %1. Envía un enlace a cada persona; un enlace de observador no permite anotar.</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Observador</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Anotador</translation>
    </message>
    <message>
        <source>%1 link</source>
        <extracomment>Host dialog: the link to send to someone, for one role</extracomment>
        <translation>Enlace (%1)</translation>
    </message>
    <message>
        <source>%1 hub URL</source>
        <extracomment>Host dialog: the hub URL for scripts and watchroom-cli, for one role</extracomment>
        <translation>URL del hub (%1)</translation>
    </message>
    <message>
        <source>Host again at this address</source>
        <translation>Volver a alojar en esta dirección</translation>
    </message>
    <message>
        <source>Host a team session</source>
        <translation>Alojar una sesión de equipo</translation>
    </message>
    <message>
        <source>The relay inside Watchroom moves to an address others on your network can reach. Annotations are kept; everyone needs a link with an invite secret to join.</source>
        <translation>El retransmisor integrado en Watchroom pasa a una dirección accesible para otras personas de tu red. Las anotaciones se conservan; cada persona necesita un enlace con un secreto de invitación para unirse.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>cualquier puerto libre</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>&amp;Alojar</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Certificado TLS</translation>
    </message>
    <message>
        <source>PEM certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificados PEM (*.crt *.pem *.cer);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Clave privada TLS</translation>
    </message>
    <message>
        <source>PEM keys (*.key *.pem);;All files (*)</source>
        <translation>Claves PEM (*.key *.pem);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Hosting at %1 with TLS, certificate %2. Send a link to each person (it carries the certificate&apos;s pin); a viewer link cannot annotate.</source>
        <translation>Alojado en %1 con TLS, certificado %2. Envía un enlace a cada persona (incluye la huella del certificado); un enlace de observador no permite anotar.</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>&amp;Certificado TLS:</translation>
    </message>
    <message>
        <source>optional: a PEM file, for https/wss</source>
        <translation>opcional: un archivo PEM, para https/wss</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>Archivo de certificado TLS</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>C&amp;lave TLS:</translation>
    </message>
    <message>
        <source>its private key (PEM)</source>
        <translation>su clave privada (PEM)</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>Archivo de clave privada TLS</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>Elegir el archivo de certificado TLS</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>Elegir el archivo de clave privada TLS</translation>
    </message>
</context>
<context>
    <name>wr::JoinDialog</name>
    <message>
        <source>Board names use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; (at most 64).</source>
        <translation>Los nombres de tablero usan letras, dígitos, &apos;_&apos;, &apos;.&apos; y &apos;-&apos; (64 como máximo).</translation>
    </message>
    <message>
        <source>A negotiate URL: a Watchroom relay or an app server in front of Azure Web PubSub.</source>
        <translation>Una URL de negotiate: un retransmisor de Watchroom o un servidor de aplicaciones delante de Azure Web PubSub.</translation>
    </message>
    <message>
        <source>A client URL with its token: it works until the token expires.</source>
        <translation>Una URL de cliente con su token: funciona hasta que el token caduca.</translation>
    </message>
    <message>
        <source>A connection string: a token is made on this computer. It is not remembered (it contains the access key).</source>
        <translation>Una cadena de conexión: el token se genera en este equipo. No se guarda (contiene la clave de acceso).</translation>
    </message>
    <message>
        <source>Paste a watchroom:// link, a negotiate URL, a wss:// URL or a connection string.</source>
        <translation>Pega un enlace watchroom://, una URL de negotiate, una URL wss:// o una cadena de conexión.</translation>
    </message>
    <message>
        <source>Your colour</source>
        <translation>Tu color</translation>
    </message>
    <message>
        <source>Join a session</source>
        <translation>Unirse a una sesión</translation>
    </message>
    <message>
        <source>&amp;Hub:</source>
        <translation>&amp;Hub:</translation>
    </message>
    <message>
        <source>Hub address or link</source>
        <translation>Dirección del hub o enlace</translation>
    </message>
    <message>
        <source>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</source>
        <translation>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</translation>
    </message>
    <message>
        <source>&amp;Board:</source>
        <translation>&amp;Tablero:</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Tu &amp;nombre:</translation>
    </message>
    <message>
        <source>How others see you</source>
        <translation>Cómo te ven los demás</translation>
    </message>
    <message>
        <source>Your &amp;colour:</source>
        <translation>Tu &amp;color:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Unirse</translation>
    </message>
    <message>
        <source>Certificate pin: expected sha256: and the 64 hex digits of the hub&apos;s certificate fingerprint.</source>
        <translation>Huella del certificado: se esperaba sha256: seguido de los 64 dígitos hexadecimales de la huella del certificado del hub.</translation>
    </message>
    <message>
        <source>Certificate &amp;pin:</source>
        <translation>H&amp;uella del certificado:</translation>
    </message>
    <message>
        <source>sha256:… (only for a self-signed certificate on a LAN)</source>
        <translation>sha256:… (solo para un certificado autofirmado en una red local)</translation>
    </message>
    <message>
        <source>Certificate pin</source>
        <translation>Huella del certificado</translation>
    </message>
    <message>
        <source>The SHA-256 fingerprint of the hub&apos;s certificate. With a pin, only that certificate is accepted; without one, the certificate must be trusted by this computer.</source>
        <translation>La huella SHA-256 del certificado del hub. Con una huella, solo se acepta ese certificado; sin ella, este equipo debe confiar en el certificado.</translation>
    </message>
</context>
<context>
    <name>wr::JoinLinks</name>
    <message>
        <source>Paste a hub address or a watchroom:// link.</source>
        <translation>Pega una dirección de hub o un enlace watchroom://.</translation>
    </message>
    <message>
        <source>This watchroom:// link is not an invitation to join (expected watchroom://join?hub=…).</source>
        <translation>Este enlace watchroom:// no es una invitación para unirse (se esperaba watchroom://join?hub=…).</translation>
    </message>
    <message>
        <source>The link names an invalid board.</source>
        <translation>El enlace indica un tablero no válido.</translation>
    </message>
    <message>
        <source>This is not a hub address: paste a negotiate URL (http…/negotiate), a wss:// client URL or a connection string (Endpoint=…;AccessKey=…).</source>
        <translation>No es una dirección de hub: pega una URL de negotiate (http…/negotiate), una URL de cliente wss:// o una cadena de conexión (Endpoint=…;AccessKey=…).</translation>
    </message>
    <message>
        <source>The link&apos;s certificate pin is not valid (expected pin=sha256:&lt;64 hex digits&gt;).</source>
        <translation>La huella del certificado del enlace no es válida (se esperaba pin=sha256:&lt;64 dígitos hexadecimales&gt;).</translation>
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
        <translation>La persona a la que seguías se ha ido.</translation>
    </message>
    <message>
        <source>The hub refused an annotation edit (%1): %2</source>
        <translation>El hub rechazó una edición de anotación (%1): %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <extracomment>Tooltip of a time window preset, e.g. &quot;Show the last 5 m&quot;</extracomment>
        <translation>Mostrar los últimos %1</translation>
    </message>
    <message>
        <source>Live</source>
        <extracomment>Toolbar button: follow the current time (live mode)</extracomment>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>Follow the current time (Ctrl+L, or double-click a chart)</source>
        <translation>Seguir la hora actual (Ctrl+L o doble clic en un gráfico)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Show twice the time span</source>
        <translation>Mostrar el doble del intervalo</translation>
    </message>
    <message>
        <source>Annotate</source>
        <extracomment>Toolbar button: add an annotation at the current time for the whole board</extracomment>
        <translation>Anotar</translation>
    </message>
    <message>
        <source>Join…</source>
        <extracomment>Toolbar button: join someone else&apos;s session</extracomment>
        <translation>Unirse…</translation>
    </message>
    <message>
        <source>Join a session: paste a link or a hub address (Ctrl+J)</source>
        <translation>Unirse a una sesión: pega un enlace o una dirección de hub (Ctrl+J)</translation>
    </message>
    <message>
        <source>Host…</source>
        <translation>Alojar…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;About Watchroom</source>
        <translation>&amp;Acerca de Watchroom</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <extracomment>Menu title: joining, hosting and settings</extracomment>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Apariencia</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Waiting for metrics…

Charts appear here as soon as the first series arrives from the board&apos;s sources.</source>
        <translation>Esperando métricas…

Los gráficos aparecen aquí en cuanto llega la primera serie de las fuentes del tablero.</translation>
    </message>
    <message>
        <source>Waiting for metrics</source>
        <translation>Esperando métricas</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Estado de la conexión</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Tiempo de ida y vuelta</translation>
    </message>
    <message>
        <source>People present</source>
        <translation>Personas presentes</translation>
    </message>
    <message>
        <source>Live or paused</source>
        <translation>En vivo o en pausa</translation>
    </message>
    <message>
        <source>Following the current time</source>
        <translation>Sigue la hora actual</translation>
    </message>
    <message>
        <source>Paused — Ctrl+L returns to live</source>
        <extracomment>Status bar: the charts are paused (not following now)</extracomment>
        <translation>En pausa — Ctrl+L vuelve al modo en vivo</translation>
    </message>
    <message>
        <source>the board</source>
        <translation>el tablero</translation>
    </message>
    <message>
        <source>The annotation was not saved: %1</source>
        <translation>La anotación no se guardó: %1</translation>
    </message>
    <message>
        <source>Only you here</source>
        <extracomment>Status bar: number of people on the board, including me (always 2 or more)</extracomment>
        <translation>Solo tú aquí</translation>
    </message>
    <message numerus="yes">
        <source>%n people here</source>
        <translation>
            <numerusform>%n persona aquí</numerusform>
            <numerusform>%n personas aquí</numerusform>
        </translation>
    </message>
    <message>
        <source>Only you</source>
        <translation>Solo tú</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Conectado a %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Recovering the connection…</source>
        <translation>Recuperando la conexión…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconexión en %n s</numerusform>
            <numerusform>Reconexión en %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>No conectado</translation>
    </message>
    <message>
        <source>Round trip %1 ms</source>
        <extracomment>Status bar: round-trip time to the hub in milliseconds</extracomment>
        <translation>Ida y vuelta %1 ms</translation>
    </message>
    <message>
        <source>You joined as a viewer: only annotators can add, edit or delete annotations. Ask the host for an annotator link.</source>
        <translation>Te has unido como observador: solo los anotadores pueden añadir, editar o eliminar anotaciones. Pide al anfitrión un enlace de anotador.</translation>
    </message>
    <message>
        <source>Your role (%1) may not add, edit or delete annotations.</source>
        <extracomment>%1 = a role name such as &quot;source&quot;</extracomment>
        <translation>Tu rol (%1) no permite añadir, editar ni eliminar anotaciones.</translation>
    </message>
    <message>
        <source>Add an annotation now for the whole board (Ctrl+M); Shift+click or Shift+drag on a chart for a panel</source>
        <translation>Añadir ahora una anotación para todo el tablero (Ctrl+M); Mayús+clic o Mayús+arrastrar en un gráfico para un panel</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>todo el tablero</translation>
    </message>
    <message>
        <source>you</source>
        <extracomment>The author of an annotation is the local user</extracomment>
        <translation>tú</translation>
    </message>
    <message>
        <source>Annotation deleted</source>
        <translation>Anotación eliminada</translation>
    </message>
    <message>
        <source>Annotation by %1</source>
        <translation>Anotación (autor: %1)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Edit annotation…</source>
        <translation>Editar anotación…</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>Eliminar anotación</translation>
    </message>
    <message>
        <source>Add annotation here…</source>
        <translation>Añadir anotación aquí…</translation>
    </message>
    <message>
        <source>Following %1 — any input of yours stops it</source>
        <translation>Siguiendo a %1: cualquier acción tuya lo detiene</translation>
    </message>
    <message>
        <source>Stopped following</source>
        <translation>Se dejó de seguir</translation>
    </message>
    <message>
        <source>%1 no longer allows others to follow them.</source>
        <translation>%1 ya no permite que otros sigan su vista.</translation>
    </message>
    <message>
        <source>Host a team session: let others on your network join this board</source>
        <translation>Alojar una sesión de equipo: permite que otras personas de tu red se unan a este tablero</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;Follow / stop following</source>
        <extracomment>Menu: stop following, or follow the person selected in the People dock</extracomment>
        <translation>Se&amp;guir / dejar de seguir</translation>
    </message>
    <message>
        <source>Stop following, or follow the person whose row in the People dock has the focus (else the first one you can)</source>
        <translation>Dejar de seguir, o seguir a la persona cuya fila tiene el foco en la lista Personas (si no, la primera a la que puedas seguir)</translation>
    </message>
    <message>
        <source>Board as &amp;PNG…</source>
        <translation>Tablero como &amp;PNG…</translation>
    </message>
    <message>
        <source>Annotations as &amp;CSV…</source>
        <translation>Anotaciones como &amp;CSV…</translation>
    </message>
    <message>
        <source>Annotations as &amp;JSON…</source>
        <translation>Anotaciones como &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Menu title: export and layout files</extracomment>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Set threshold…</source>
        <translation>Establecer umbral…</translation>
    </message>
    <message>
        <source>Clear threshold</source>
        <translation>Quitar umbral</translation>
    </message>
    <message>
        <source>Export panel as PNG…</source>
        <translation>Exportar panel como PNG…</translation>
    </message>
    <message>
        <source>Export visible data as CSV…</source>
        <translation>Exportar datos visibles como CSV…</translation>
    </message>
    <message>
        <source>Every stored point of this panel&apos;s series in the time window shown</source>
        <translation>Todos los puntos almacenados de las series de este panel en el intervalo de tiempo mostrado</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at:</source>
        <extracomment>%1 = panel title</extracomment>
        <translation>Dibujar una línea discontinua en «%1» en:</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at (%2):</source>
        <extracomment>%1 = panel title, %2 = the unit of the value axis, e.g. &quot;MiB&quot;</extracomment>
        <translation>Dibujar una línea discontinua en «%1» en (%2):</translation>
    </message>
    <message>
        <source>Nobody here can be followed right now</source>
        <translation>Ahora mismo no se puede seguir a nadie aquí</translation>
    </message>
    <message>
        <source>There is no panel %1.</source>
        <translation>No existe el panel %1.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <extracomment>Status bar after an export; %1 = the file</extracomment>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>No se pudo guardar %1: %2</translation>
    </message>
    <message>
        <source>Export the board as PNG</source>
        <translation>Exportar el tablero como PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export the panel as PNG</source>
        <translation>Exportar el panel como PNG</translation>
    </message>
    <message>
        <source>Export the visible data as CSV</source>
        <translation>Exportar los datos visibles como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export annotations as CSV</source>
        <translation>Exportar anotaciones como CSV</translation>
    </message>
    <message>
        <source>Export annotations as JSON</source>
        <translation>Exportar anotaciones como JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Export the layout</source>
        <translation>Exportar el diseño</translation>
    </message>
    <message>
        <source>Import a layout</source>
        <translation>Importar un diseño</translation>
    </message>
    <message>
        <source>Layout imported</source>
        <translation>Diseño importado</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>No se pudo importar %1: %2</translation>
    </message>
    <message>
        <source>Export &amp;layout…</source>
        <translation>Exportar &amp;diseño…</translation>
    </message>
    <message>
        <source>&amp;Import layout…</source>
        <translation>&amp;Importar diseño…</translation>
    </message>
    <message>
        <source>&amp;Hidden panels</source>
        <translation>Paneles &amp;ocultos</translation>
    </message>
    <message>
        <source>Show all panels</source>
        <translation>Mostrar todos los paneles</translation>
    </message>
    <message>
        <source>This is not a Watchroom layout file.</source>
        <translation>No es un archivo de diseño de Watchroom.</translation>
    </message>
    <message>
        <source>Move panel left</source>
        <translation>Mover el panel a la izquierda</translation>
    </message>
    <message>
        <source>Move panel right</source>
        <translation>Mover el panel a la derecha</translation>
    </message>
    <message>
        <source>Hide panel</source>
        <translation>Ocultar panel</translation>
    </message>
    <message>
        <source>View → Hidden panels shows it again</source>
        <translation>Ver → Paneles ocultos lo vuelve a mostrar</translation>
    </message>
    <message>
        <source>All panels are hidden.

View → Hidden panels shows them again.</source>
        <translation>Todos los paneles están ocultos.

Ver → Paneles ocultos los vuelve a mostrar.</translation>
    </message>
    <message>
        <source>All panels are hidden</source>
        <translation>Todos los paneles están ocultos</translation>
    </message>
    <message>
        <source>&amp;Visible data as CSV…</source>
        <extracomment>File → Export: the raw points of every visible panel in the time window shown</extracomment>
        <translation>Datos &amp;visibles como CSV…</translation>
    </message>
    <message>
        <source>Every stored point of the visible panels&apos; series in the time window shown</source>
        <translation>Cada punto almacenado de las series de los paneles visibles en la ventana de tiempo mostrada</translation>
    </message>
    <message>
        <source>Add &amp;panel…</source>
        <translation>Añadir &amp;panel…</translation>
    </message>
    <message>
        <source>A new panel with series of the board you choose (Ctrl+Shift+N)</source>
        <translation>Un panel nuevo con las series del tablero que elija (Ctrl+Mayús+N)</translation>
    </message>
    <message>
        <source>Choose at least one series.</source>
        <translation>Elija al menos una serie.</translation>
    </message>
    <message>
        <source>The board has no series %1.</source>
        <translation>El tablero no tiene la serie %1.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit.</source>
        <translation>Un panel muestra series de una sola unidad.</translation>
    </message>
    <message>
        <source>Added the panel “%1”</source>
        <translation>Panel «%1» añadido</translation>
    </message>
    <message>
        <source>The panel shows this series already.</source>
        <translation>El panel ya muestra esta serie.</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: this one shows %1, the series is in %2.</source>
        <translation>Un panel muestra series de una sola unidad: este muestra %1 y la serie está en %2.</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>ninguna unidad</translation>
    </message>
    <message>
        <source>Removed the panel “%1”</source>
        <translation>Panel «%1» eliminado</translation>
    </message>
    <message>
        <source>Watchroom — %1 (this computer)</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1 (este equipo)</translation>
    </message>
    <message>
        <source>Watchroom — %1 (hosting at %2)</source>
        <extracomment>Window title; %1 = the board, %2 = address:port others join at</extracomment>
        <translation>Watchroom — %1 (alojado en %2)</translation>
    </message>
    <message>
        <source>Watchroom — %1</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <extracomment>Status bar: &quot;Connected to this computer&quot; (the relay runs inside this app)</extracomment>
        <translation>este equipo</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Status bar: &quot;Connected to this computer, shared at 192.168.1.20:7300&quot;</extracomment>
        <translation>este equipo, compartido en %1</translation>
    </message>
    <message>
        <source>Panel si&amp;ze</source>
        <translation>&amp;Tamaño del panel</translation>
    </message>
    <message>
        <source>&amp;Half width</source>
        <translation>&amp;Media anchura</translation>
    </message>
    <message>
        <source>&amp;Full width</source>
        <translation>Anchura &amp;completa</translation>
    </message>
    <message>
        <source>&amp;Normal height</source>
        <translation>Altura &amp;normal</translation>
    </message>
    <message>
        <source>&amp;Tall (2 rows)</source>
        <translation>&amp;Alta (2 filas)</translation>
    </message>
    <message>
        <source>&amp;Extra tall (3 rows)</source>
        <translation>Muy alta (&amp;3 filas)</translation>
    </message>
    <message>
        <source>Add series…</source>
        <translation>Añadir series…</translation>
    </message>
    <message>
        <source>Show more series of the same unit on this panel</source>
        <translation>Mostrar más series de la misma unidad en este panel</translation>
    </message>
    <message>
        <source>Remove series</source>
        <translation>Quitar serie</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>Eliminar panel</translation>
    </message>
    <message>
        <source>Another CSV export is still running.</source>
        <translation>Todavía se está ejecutando otra exportación CSV.</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>No hay nada que exportar.</translation>
    </message>
    <message>
        <source>Exporting %1: %2 %</source>
        <extracomment>Status bar while a CSV file is written; %1 = the file name, %2 = percent done</extracomment>
        <translation>Exportando %1: %2 %</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>La exportación se canceló.</translation>
    </message>
    <message>
        <source>Show series</source>
        <translation>Mostrar series</translation>
    </message>
    <message>
        <source>Alert</source>
        <extracomment>Submenu: when the panel&apos;s threshold notifies</extracomment>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>When a series goes above the threshold</source>
        <translation>Cuando una serie supera el umbral</translation>
    </message>
    <message>
        <source>When a series goes below the threshold</source>
        <translation>Cuando una serie baja del umbral</translation>
    </message>
    <message>
        <source>Never (only draw the line)</source>
        <translation>Nunca (solo dibujar la línea)</translation>
    </message>
    <message>
        <source>“%1” is back within its threshold.</source>
        <extracomment>Status bar when no series of the panel is beyond its threshold any more</extracomment>
        <translation>«%1» ha vuelto dentro de su umbral.</translation>
    </message>
    <message>
        <source>%1: %2 is above the threshold %3 (%4 at %5).</source>
        <extracomment>Banner and notification; %1 = panel title, %2 = series name, %3 = the threshold, %4 = the series&apos; value, %5 = the time of that value (HH:mm:ss)</extracomment>
        <translation>%1: %2 está por encima del umbral %3 (%4 a las %5).</translation>
    </message>
    <message>
        <source>%1: %2 is below the threshold %3 (%4 at %5).</source>
        <translation>%1: %2 está por debajo del umbral %3 (%4 a las %5).</translation>
    </message>
    <message>
        <source>Threshold crossed</source>
        <extracomment>Title of the desktop notification when a threshold alerts</extracomment>
        <translation>Umbral cruzado</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <extracomment>Button on a threshold alert&apos;s banner</extracomment>
        <translation>Reconocer</translation>
    </message>
    <message>
        <source>Marks the crossing on the chart for everyone on the board</source>
        <translation>Marca el cruce en el gráfico para todos los del tablero</translation>
    </message>
    <message>
        <source>Acknowledged: %1 below the threshold %2 (%3)</source>
        <translation>Reconocido: %1 por debajo del umbral %2 (%3)</translation>
    </message>
    <message>
        <source>Acknowledged: %1 above the threshold %2 (%3)</source>
        <translation>Reconocido: %1 por encima del umbral %2 (%3)</translation>
    </message>
    <message>
        <source>Acknowledged: everyone on the board sees it on “%1”.</source>
        <extracomment>Status bar after acknowledging a threshold alert</extracomment>
        <translation>Reconocido: todos los del tablero lo ven en «%1».</translation>
    </message>
    <message>
        <source>New data is arriving again.</source>
        <extracomment>Status bar: series that had stopped reporting send points again</extracomment>
        <translation>Vuelven a llegar datos nuevos.</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <extracomment>%1 = the first panels&apos; titles, %2 = how many more panels</extracomment>
        <translation>%1 y %2 más</translation>
    </message>
    <message>
        <source>No new data since %1 on %2.</source>
        <extracomment>Banner; %1 = the time of the oldest last point (HH:mm:ss), %2 = panel titles</extracomment>
        <translation>Sin datos nuevos desde %1 en %2.</translation>
    </message>
    <message>
        <source>Data stopped</source>
        <extracomment>Title of the desktop notification when series stop reporting</extracomment>
        <translation>Datos detenidos</translation>
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
        <translation>Carga</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Disk I/O</source>
        <translation>E/S de disco</translation>
    </message>
    <message>
        <source>File systems</source>
        <translation>Sistemas de archivos</translation>
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
        <translation>Usa %1</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Presence state of a person</extracomment>
        <translation>activo</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>Presence state: no input for a minute</extracomment>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>away</source>
        <extracomment>Presence state: their window is hidden</extracomment>
        <translation>ausente</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>todo el tablero</translation>
    </message>
    <message>
        <source>live</source>
        <extracomment>What a peer looks at: following the current time</extracomment>
        <translation>en vivo</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Looking at %1, %2</source>
        <extracomment>What a peer looks at: %1 = panel title, %2 = &quot;live&quot; or a time range</extracomment>
        <translation>Mira %1, %2</translation>
    </message>
    <message>
        <source>View not shared yet</source>
        <translation>Vista aún no compartida</translation>
    </message>
    <message>
        <source>Unfollow</source>
        <translation>Dejar de seguir</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <source>Stop following %1</source>
        <translation>Dejar de seguir a %1</translation>
    </message>
    <message>
        <source>%1 has not shared what they look at yet</source>
        <translation>%1 aún no ha compartido lo que está viendo</translation>
    </message>
    <message>
        <source>%1 does not allow others to follow them</source>
        <translation>%1 no permite que otros sigan su vista</translation>
    </message>
    <message>
        <source>Show what %1 looks at, until you move yourself</source>
        <translation>Mostrar lo que ve %1 hasta que te muevas por tu cuenta</translation>
    </message>
    <message>
        <source>Unfollow %1</source>
        <translation>Dejar de seguir a %1</translation>
    </message>
    <message>
        <source>Follow %1</source>
        <translation>Seguir a %1</translation>
    </message>
    <message>
        <source>People</source>
        <extracomment>Dock title: the people on the board</extracomment>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Nobody else is here yet. Share a join link (Session → Host a team session) to invite others.</source>
        <translation>Todavía no hay nadie más. Comparte un enlace para unirse (Sesión → Alojar…) para invitar a otros.</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <extracomment>Accessible description of a person&apos;s row: %1 = state, %2 = what they look at</extracomment>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>People on this board</source>
        <translation>Personas en este tablero</translation>
    </message>
</context>
<context>
    <name>wr::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>System language</source>
        <extracomment>Language choice: use the operating system&apos;s language</extracomment>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Apariencia:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>Privacidad:</translation>
    </message>
    <message>
        <source>Hide other people&apos;s cursors</source>
        <translation>Ocultar los cursores de otras personas</translation>
    </message>
    <message>
        <source>Don&apos;t share my cursor</source>
        <translation>No compartir mi cursor</translation>
    </message>
    <message>
        <source>Don&apos;t allow others to follow me</source>
        <translation>No permitir que otros me sigan</translation>
    </message>
    <message>
        <source>Others see what you look at, but cannot follow your view.</source>
        <translation>Los demás ven lo que miras, pero no pueden seguir tu vista.</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>Alertas:</translation>
    </message>
    <message>
        <source>Notify the desktop when a threshold is crossed</source>
        <translation>Notificar al escritorio cuando se cruce un umbral</translation>
    </message>
    <message>
        <source>A notification, and the taskbar or Dock asks for attention. The board&apos;s banner shows every alert either way.</source>
        <translation>Una notificación, y la barra de tareas o el Dock llaman la atención. El aviso del tablero muestra cada alerta en cualquier caso.</translation>
    </message>
</context>
<context>
    <name>wr::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <extracomment>Keyboard shortcuts: submenu › action, e.g. &quot;Export › Board as PNG&quot;</extracomment>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>Zoom alrededor del puntero</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>Rueda</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Desplazar</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Arrastrar</translation>
    </message>
    <message>
        <source>Zoom to a range</source>
        <translation>Zoom a un intervalo</translation>
    </message>
    <message>
        <source>Right-drag</source>
        <translation>Arrastrar (botón derecho)</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Volver al modo en vivo</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Doble clic</translation>
    </message>
    <message>
        <source>Point annotation</source>
        <translation>Anotación puntual</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Mayús+clic</translation>
    </message>
    <message>
        <source>Region annotation</source>
        <translation>Anotación de intervalo</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Mayús+arrastrar</translation>
    </message>
    <message>
        <source>Menu: annotations, layout, threshold, export</source>
        <translation>Menú: anotar, diseño, umbral, exportar</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Clic derecho</translation>
    </message>
    <message>
        <source>On a chart (mouse)</source>
        <extracomment>Keyboard shortcuts dialog: the group of mouse gestures on a chart</extracomment>
        <translation>En un gráfico (ratón)</translation>
    </message>
</context>
<context>
    <name>wr::Theme</name>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>Appearance: follow the operating system&apos;s light/dark setting</extracomment>
        <translation>Sistema</translation>
    </message>
</context>
</TS>
