<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation>关于 Watchroom</translation>
    </message>
    <message>
        <source>Watchroom %1</source>
        <translation>Watchroom %1</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (or GPL)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0（或 GPL）&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Charts — GPL-3.0 (the charts)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Charts — GPL-3.0（图表）&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt HttpServer — GPL-3.0 (the embedded relay)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt HttpServer — GPL-3.0（内置中继）&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Collaborative live monitoring: live charts, shared cursors and annotations, on this computer, on a LAN or through Azure Web PubSub.&lt;/p&gt;</source>
        <translation>&lt;p&gt;协作式实时监控：实时图表、共享光标和注释，可在本机、局域网内或通过 Azure Web PubSub 使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Licence: %1. Because the open-source editions of Qt Charts and Qt HttpServer are GPL-3.0, Watchroom is GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;许可证：%1。由于 Qt Charts 和 Qt HttpServer 的开源版本采用 GPL-3.0，Watchroom 采用 GPL-3.0-or-later。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1 (running on Qt %2), using:&lt;/p&gt;</source>
        <translation>&lt;p&gt;使用 Qt %1 构建（运行于 Qt %2），使用了：&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wr::AddPanelDialog</name>
    <message>
        <source>Add series to “%1”</source>
        <translation>向“%1”添加序列</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>添加面板</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Search series by name, host or id</source>
        <translation>按名称、主机或 ID 搜索序列</translation>
    </message>
    <message>
        <source>Search series</source>
        <translation>搜索序列</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Series of the board</source>
        <translation>看板的序列</translation>
    </message>
    <message numerus="yes">
        <source>Without a unit (%n series)</source>
        <extracomment>A group of series in the Add panel dialog; %1 = a unit such as &quot;%&quot; or &quot;B/s&quot;</extracomment>
        <translation>
            <numerusform>无单位（%n 个序列）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unit %1 (%n series)</source>
        <translation>
            <numerusform>单位 %1（%n 个序列）</numerusform>
        </translation>
    </message>
    <message>
        <source>The board has no other series in this unit.</source>
        <translation>看板中没有此单位的其他序列。</translation>
    </message>
    <message>
        <source>The board has no series yet.</source>
        <translation>看板还没有序列。</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: check the series to show.</source>
        <translation>一个面板只显示一种单位的序列：请勾选要显示的序列。</translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series without a unit can be added.</source>
        <translation>
            <numerusform>已选择 %n 个序列。一个面板只显示一种单位：只能添加无单位的序列。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series in %1 can be added.</source>
        <translation>
            <numerusform>已选择 %n 个序列。一个面板只显示一种单位：只能添加单位为 %1 的序列。</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. Memory of every host</source>
        <translation>例如：所有主机的内存</translation>
    </message>
    <message>
        <source>Add series</source>
        <translation>添加序列</translation>
    </message>
</context>
<context>
    <name>wr::AnnotationDialog</name>
    <message>
        <source>New annotation</source>
        <translation>新建注释</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>编辑注释</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>annotation time range</comment>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Annotation text</source>
        <translation>注释文本</translation>
    </message>
    <message>
        <source>What happened here?</source>
        <translation>这里发生了什么？</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>deploy, incident</source>
        <translation>部署, 故障</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>颜色(&amp;C)：</translation>
    </message>
    <message>
        <source>Show on every panel (not only %1)</source>
        <extracomment>Scope of an annotation: every panel of the board instead of only this one</extracomment>
        <translation>在所有面板上显示（不仅是 %1）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>注释颜色</translation>
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
        <translation>所有面板</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>（无文本）</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Second line of an annotation in the list: author · time · panel</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <source>Show on the charts</source>
        <translation>在图表中显示</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Annotations</source>
        <extracomment>Dock title: the list of annotations</extracomment>
        <translation>注释</translation>
    </message>
    <message>
        <source>Search text and tags</source>
        <translation>搜索文本和标签</translation>
    </message>
    <message>
        <source>Search annotations</source>
        <translation>搜索注释</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>按标签筛选</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 条注释</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n annotation(s)</source>
        <translation>
            <numerusform>显示 %1 条，共 %n 条注释</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>Button under the annotation list: export them as CSV or JSON</extracomment>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>导出注释</translation>
    </message>
</context>
<context>
    <name>wr::BannerBar</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <extracomment>A banner&apos;s message that happened several times: %1 = message, %n = how often</extracomment>
        <translation>
            <numerusform>%1（%n 次）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::BoardExport</name>
    <message>
        <source>There is nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>The image could not be written.</source>
        <translation>无法写入图像。</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
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
            <numerusform>此处有 %n 条注释（放大可分开显示）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>…另有 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::ChartPanel</name>
    <message>
        <source>Chart: %1</source>
        <translation>图表：%1</translation>
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
        <translation>无数据</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>series: value</comment>
        <extracomment>The value tooltip: series name, value</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Threshold %1</source>
        <extracomment>Label of a panel&apos;s threshold line, e.g. &quot;Threshold 80.00 %&quot;</extracomment>
        <translation>阈值 %1</translation>
    </message>
    <message>
        <source>Drag to resize the panel (it snaps to the board&apos;s grid)</source>
        <translation>拖动以调整面板大小（会对齐到看板的网格）</translation>
    </message>
    <message>
        <source>Resize the panel</source>
        <translation>调整面板大小</translation>
    </message>
    <message>
        <source>Drag the title to move the panel (or use Move panel left / right in the chart menu)</source>
        <translation>拖动标题以移动面板（或使用图表菜单中的“面板左移 / 右移”）</translation>
    </message>
    <message>
        <source>Hidden. Click to show this series.</source>
        <extracomment>Tooltip of a hidden series&apos; legend entry, under the series&apos; name</extracomment>
        <translation>已隐藏。单击以显示此序列。</translation>
    </message>
    <message>
        <source>Click to hide this series.</source>
        <extracomment>Tooltip of a legend entry, under the series&apos; name</extracomment>
        <translation>单击以隐藏此序列。</translation>
    </message>
    <message>
        <source>No new data since %1</source>
        <extracomment>On a panel whose series stopped reporting; %1 = the time of their last point</extracomment>
        <translation>自 %1 起没有新数据</translation>
    </message>
</context>
<context>
    <name>wr::DesktopApp</name>
    <message>
        <source>Guest</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Collaborative live monitoring: live charts, shared cursors and annotations.</source>
        <translation>协作式实时监控：实时图表、共享光标和注释。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>显示版本并退出。</translation>
    </message>
    <message>
        <source>Join a hub instead of hosting one on this computer: a negotiate URL, a wss:// client URL or a connection string.</source>
        <translation>加入一个中心，而不是在本机托管：negotiate URL、wss:// 客户端 URL 或连接字符串。</translation>
    </message>
    <message>
        <source>The board to open (default: main).</source>
        <translation>要打开的看板（默认：main）。</translation>
    </message>
    <message>
        <source>Your display name.</source>
        <translation>您的显示名称。</translation>
    </message>
    <message>
        <source>A watchroom://join?hub=…&amp;board=… link to join.</source>
        <translation>要加入的 watchroom://join?hub=…&amp;board=… 链接。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>意外的参数：%1</translation>
    </message>
    <message>
        <source>Give either a watchroom:// link or --join, not both.</source>
        <translation>请指定 watchroom:// 链接或 --join 之一，不能同时指定。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid board name (letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; at most 64).</source>
        <translation>“%1”不是有效的看板名称（字母、数字、&apos;_&apos;、&apos;.&apos;、&apos;-&apos;，最多 64 个字符）。</translation>
    </message>
    <message>
        <source>You are in a session hosted elsewhere. Start Watchroom without --join to host one from this computer.</source>
        <translation>您正在别处托管的会话中。要从本机托管会话，请不带 --join 启动 Watchroom。</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>连接问题：%1</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>无法加入：%1</translation>
    </message>
    <message>
        <source>Could not start the local relay: %1</source>
        <translation>无法启动本地中继：%1</translation>
    </message>
    <message>
        <source>Could not start the connection.</source>
        <translation>无法启动连接。</translation>
    </message>
    <message>
        <source>Only a session hosted on this computer can be shared.</source>
        <translation>只能共享在本机托管的会话。</translation>
    </message>
    <message>
        <source>The local relay stopped: %1</source>
        <translation>本地中继已停止：%1</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Where we are connected when hosting: the relay runs inside this app</extracomment>
        <translation>本机，共享于 %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Trust an https/wss hub whose certificate has this SHA-256 fingerprint (a self-signed certificate on a LAN).</source>
        <translation>信任证书 SHA-256 指纹为此值的 https/wss 中心（用于局域网内的自签名证书）。</translation>
    </message>
    <message>
        <source>--pin: %1</source>
        <translation>--pin：%1</translation>
    </message>
    <message>
        <source>Could not open the link: %1</source>
        <translation>无法打开链接：%1</translation>
    </message>
    <message>
        <source>Serving TLS needs both a certificate file and its key file.</source>
        <translation>启用 TLS 需要同时提供证书文件及其密钥文件。</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 中没有 PEM 证书。</translation>
    </message>
</context>
<context>
    <name>wr::HostDialog</name>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制%1</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Could not host: %1</source>
        <translation>无法托管：%1</translation>
    </message>
    <message>
        <source>Hosting at %1. Send a link to each person; a viewer link cannot annotate.</source>
        <translation>已托管于 %1。请给每个人发送一个链接；查看者链接无法添加注释。</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>注释者</translation>
    </message>
    <message>
        <source>%1 link</source>
        <extracomment>Host dialog: the link to send to someone, for one role</extracomment>
        <translation>%1链接</translation>
    </message>
    <message>
        <source>%1 hub URL</source>
        <extracomment>Host dialog: the hub URL for scripts and watchroom-cli, for one role</extracomment>
        <translation>中心 URL（%1）</translation>
    </message>
    <message>
        <source>Host again at this address</source>
        <translation>在此地址重新托管</translation>
    </message>
    <message>
        <source>Host a team session</source>
        <translation>托管团队会话</translation>
    </message>
    <message>
        <source>The relay inside Watchroom moves to an address others on your network can reach. Annotations are kept; everyone needs a link with an invite secret to join.</source>
        <translation>Watchroom 内置的中继将迁移到网络中其他人可以访问的地址。注释会保留；每个人都需要带有邀请密钥的链接才能加入。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>托管(&amp;H)</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>PEM 证书 (*.crt *.pem *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>TLS 私钥</translation>
    </message>
    <message>
        <source>PEM keys (*.key *.pem);;All files (*)</source>
        <translation>PEM 私钥 (*.key *.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Hosting at %1 with TLS, certificate %2. Send a link to each person (it carries the certificate&apos;s pin); a viewer link cannot annotate.</source>
        <translation>已使用 TLS 托管于 %1，证书为 %2。请给每个人发送一个链接（链接中包含证书指纹）；查看者链接无法添加注释。</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>optional: a PEM file, for https/wss</source>
        <translation>可选：PEM 文件，用于 https/wss</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS 证书文件</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS 私钥(&amp;K)：</translation>
    </message>
    <message>
        <source>its private key (PEM)</source>
        <translation>对应的私钥（PEM）</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>TLS 私钥文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>选择 TLS 证书文件</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>选择 TLS 私钥文件</translation>
    </message>
</context>
<context>
    <name>wr::JoinDialog</name>
    <message>
        <source>Board names use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; (at most 64).</source>
        <translation>看板名称可使用字母、数字、&apos;_&apos;、&apos;.&apos; 和 &apos;-&apos;（最多 64 个字符）。</translation>
    </message>
    <message>
        <source>A negotiate URL: a Watchroom relay or an app server in front of Azure Web PubSub.</source>
        <translation>negotiate URL：Watchroom 中继，或位于 Azure Web PubSub 前面的应用服务器。</translation>
    </message>
    <message>
        <source>A client URL with its token: it works until the token expires.</source>
        <translation>带令牌的客户端 URL：在令牌过期前有效。</translation>
    </message>
    <message>
        <source>A connection string: a token is made on this computer. It is not remembered (it contains the access key).</source>
        <translation>连接字符串：在本机生成令牌。连接字符串不会被保存（其中包含访问密钥）。</translation>
    </message>
    <message>
        <source>Paste a watchroom:// link, a negotiate URL, a wss:// URL or a connection string.</source>
        <translation>粘贴 watchroom:// 链接、negotiate URL、wss:// URL 或连接字符串。</translation>
    </message>
    <message>
        <source>Your colour</source>
        <translation>您的颜色</translation>
    </message>
    <message>
        <source>Join a session</source>
        <translation>加入会话</translation>
    </message>
    <message>
        <source>&amp;Hub:</source>
        <translation>中心(&amp;H)：</translation>
    </message>
    <message>
        <source>Hub address or link</source>
        <translation>中心地址或链接</translation>
    </message>
    <message>
        <source>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</source>
        <translation>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</translation>
    </message>
    <message>
        <source>&amp;Board:</source>
        <translation>看板(&amp;B)：</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>您的名称(&amp;N)：</translation>
    </message>
    <message>
        <source>How others see you</source>
        <translation>他人看到的您的名称</translation>
    </message>
    <message>
        <source>Your &amp;colour:</source>
        <translation>您的颜色(&amp;C)：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Certificate pin: expected sha256: and the 64 hex digits of the hub&apos;s certificate fingerprint.</source>
        <translation>证书指纹：应为 sha256: 加上中心证书指纹的 64 位十六进制数字。</translation>
    </message>
    <message>
        <source>Certificate &amp;pin:</source>
        <translation>证书指纹(&amp;P)：</translation>
    </message>
    <message>
        <source>sha256:… (only for a self-signed certificate on a LAN)</source>
        <translation>sha256:…（仅用于局域网内的自签名证书）</translation>
    </message>
    <message>
        <source>Certificate pin</source>
        <translation>证书指纹</translation>
    </message>
    <message>
        <source>The SHA-256 fingerprint of the hub&apos;s certificate. With a pin, only that certificate is accepted; without one, the certificate must be trusted by this computer.</source>
        <translation>中心证书的 SHA-256 指纹。指定指纹后，只接受该证书；未指定时，证书必须受本机信任。</translation>
    </message>
</context>
<context>
    <name>wr::JoinLinks</name>
    <message>
        <source>Paste a hub address or a watchroom:// link.</source>
        <translation>请粘贴中心地址或 watchroom:// 链接。</translation>
    </message>
    <message>
        <source>This watchroom:// link is not an invitation to join (expected watchroom://join?hub=…).</source>
        <translation>此 watchroom:// 链接不是加入邀请（应为 watchroom://join?hub=…）。</translation>
    </message>
    <message>
        <source>The link names an invalid board.</source>
        <translation>链接中的看板名称无效。</translation>
    </message>
    <message>
        <source>This is not a hub address: paste a negotiate URL (http…/negotiate), a wss:// client URL or a connection string (Endpoint=…;AccessKey=…).</source>
        <translation>这不是中心地址：请粘贴 negotiate URL（http…/negotiate）、wss:// 客户端 URL 或连接字符串（Endpoint=…;AccessKey=…）。</translation>
    </message>
    <message>
        <source>The link&apos;s certificate pin is not valid (expected pin=sha256:&lt;64 hex digits&gt;).</source>
        <translation>链接中的证书指纹无效（应为 pin=sha256:&lt;64 位十六进制数字&gt;）。</translation>
    </message>
</context>
<context>
    <name>wr::MainWindow</name>
    <message>
        <source>1 m</source>
        <translation>1分钟</translation>
    </message>
    <message>
        <source>5 m</source>
        <translation>5分钟</translation>
    </message>
    <message>
        <source>15 m</source>
        <translation>15分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1小时</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6小时</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24小时</translation>
    </message>
    <message>
        <source>Watchroom</source>
        <translation>Watchroom</translation>
    </message>
    <message>
        <source>The person you followed left.</source>
        <translation>您跟随的人已离开。</translation>
    </message>
    <message>
        <source>The hub refused an annotation edit (%1): %2</source>
        <translation>中心拒绝了注释编辑（%1）：%2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <extracomment>Tooltip of a time window preset, e.g. &quot;Show the last 5 m&quot;</extracomment>
        <translation>显示最近%1</translation>
    </message>
    <message>
        <source>Live</source>
        <extracomment>Toolbar button: follow the current time (live mode)</extracomment>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the current time (Ctrl+L, or double-click a chart)</source>
        <translation>跟随当前时间（Ctrl+L，或双击图表）</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Show twice the time span</source>
        <translation>显示两倍的时间范围</translation>
    </message>
    <message>
        <source>Annotate</source>
        <extracomment>Toolbar button: add an annotation at the current time for the whole board</extracomment>
        <translation>添加注释</translation>
    </message>
    <message>
        <source>Join…</source>
        <extracomment>Toolbar button: join someone else&apos;s session</extracomment>
        <translation>加入…</translation>
    </message>
    <message>
        <source>Join a session: paste a link or a hub address (Ctrl+J)</source>
        <translation>加入会话：粘贴链接或中心地址（Ctrl+J）</translation>
    </message>
    <message>
        <source>Host…</source>
        <translation>托管…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Watchroom</source>
        <translation>关于 Watchroom(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <extracomment>Menu title: joining, hosting and settings</extracomment>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Waiting for metrics…

Charts appear here as soon as the first series arrives from the board&apos;s sources.</source>
        <translation>正在等待指标…

看板数据源的第一个序列到达后，图表会显示在这里。</translation>
    </message>
    <message>
        <source>Waiting for metrics</source>
        <translation>正在等待指标</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <source>People present</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <source>Live or paused</source>
        <translation>实时或已暂停</translation>
    </message>
    <message>
        <source>Following the current time</source>
        <translation>正在跟随当前时间</translation>
    </message>
    <message>
        <source>Paused — Ctrl+L returns to live</source>
        <extracomment>Status bar: the charts are paused (not following now)</extracomment>
        <translation>已暂停 — 按 Ctrl+L 返回实时</translation>
    </message>
    <message>
        <source>the board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>The annotation was not saved: %1</source>
        <translation>注释未保存：%1</translation>
    </message>
    <message>
        <source>Only you here</source>
        <extracomment>Status bar: number of people on the board, including me (always 2 or more)</extracomment>
        <translation>仅您一人</translation>
    </message>
    <message numerus="yes">
        <source>%n people here</source>
        <translation>
            <numerusform>%n 人在此</numerusform>
        </translation>
    </message>
    <message>
        <source>Only you</source>
        <translation>仅您</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Recovering the connection…</source>
        <translation>正在恢复连接…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>%n 秒后重新连接</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Round trip %1 ms</source>
        <extracomment>Status bar: round-trip time to the hub in milliseconds</extracomment>
        <translation>往返 %1 ms</translation>
    </message>
    <message>
        <source>You joined as a viewer: only annotators can add, edit or delete annotations. Ask the host for an annotator link.</source>
        <translation>您以查看者身份加入：只有注释者可以添加、编辑或删除注释。请向会话托管者索取注释者链接。</translation>
    </message>
    <message>
        <source>Your role (%1) may not add, edit or delete annotations.</source>
        <extracomment>%1 = a role name such as &quot;source&quot;</extracomment>
        <translation>您的角色（%1）不能添加、编辑或删除注释。</translation>
    </message>
    <message>
        <source>Add an annotation now for the whole board (Ctrl+M); Shift+click or Shift+drag on a chart for a panel</source>
        <translation>立即为整个看板添加注释（Ctrl+M）；在图表上 Shift+单击或 Shift+拖动可为单个面板添加</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>整个看板</translation>
    </message>
    <message>
        <source>you</source>
        <extracomment>The author of an annotation is the local user</extracomment>
        <translation>您</translation>
    </message>
    <message>
        <source>Annotation deleted</source>
        <translation>注释已删除</translation>
    </message>
    <message>
        <source>Annotation by %1</source>
        <translation>%1 的注释</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Edit annotation…</source>
        <translation>编辑注释…</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>删除注释</translation>
    </message>
    <message>
        <source>Add annotation here…</source>
        <translation>在此添加注释…</translation>
    </message>
    <message>
        <source>Following %1 — any input of yours stops it</source>
        <translation>正在跟随 %1 — 您的任何操作都会停止跟随</translation>
    </message>
    <message>
        <source>Stopped following</source>
        <translation>已停止跟随</translation>
    </message>
    <message>
        <source>%1 no longer allows others to follow them.</source>
        <translation>%1 不再允许他人跟随。</translation>
    </message>
    <message>
        <source>Host a team session: let others on your network join this board</source>
        <translation>托管团队会话：让您网络中的其他人加入此看板</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Follow / stop following</source>
        <extracomment>Menu: stop following, or follow the person selected in the People dock</extracomment>
        <translation>跟随 / 停止跟随(&amp;F)</translation>
    </message>
    <message>
        <source>Stop following, or follow the person whose row in the People dock has the focus (else the first one you can)</source>
        <translation>停止跟随，或跟随“人员”中具有焦点的那一行的人（否则跟随第一个可跟随的人）</translation>
    </message>
    <message>
        <source>Board as &amp;PNG…</source>
        <translation>看板导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Annotations as &amp;CSV…</source>
        <translation>注释导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Annotations as &amp;JSON…</source>
        <translation>注释导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Menu title: export and layout files</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Set threshold…</source>
        <translation>设置阈值…</translation>
    </message>
    <message>
        <source>Clear threshold</source>
        <translation>清除阈值</translation>
    </message>
    <message>
        <source>Export panel as PNG…</source>
        <translation>将面板导出为 PNG…</translation>
    </message>
    <message>
        <source>Export visible data as CSV…</source>
        <translation>将可见数据导出为 CSV…</translation>
    </message>
    <message>
        <source>Every stored point of this panel&apos;s series in the time window shown</source>
        <translation>此面板各序列在所显示时间范围内存储的全部数据点</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at:</source>
        <extracomment>%1 = panel title</extracomment>
        <translation>在“%1”中的以下值处绘制虚线：</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at (%2):</source>
        <extracomment>%1 = panel title, %2 = the unit of the value axis, e.g. &quot;MiB&quot;</extracomment>
        <translation>在“%1”中的以下值处绘制虚线（%2）：</translation>
    </message>
    <message>
        <source>Nobody here can be followed right now</source>
        <translation>当前没有可跟随的人</translation>
    </message>
    <message>
        <source>There is no panel %1.</source>
        <translation>不存在面板 %1。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <extracomment>Status bar after an export; %1 = the file</extracomment>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Export the board as PNG</source>
        <translation>将看板导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export the panel as PNG</source>
        <translation>将面板导出为 PNG</translation>
    </message>
    <message>
        <source>Export the visible data as CSV</source>
        <translation>将可见数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export annotations as CSV</source>
        <translation>将注释导出为 CSV</translation>
    </message>
    <message>
        <source>Export annotations as JSON</source>
        <translation>将注释导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export the layout</source>
        <translation>导出布局</translation>
    </message>
    <message>
        <source>Import a layout</source>
        <translation>导入布局</translation>
    </message>
    <message>
        <source>Layout imported</source>
        <translation>布局已导入</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Export &amp;layout…</source>
        <translation>导出布局(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Import layout…</source>
        <translation>导入布局(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Hidden panels</source>
        <translation>隐藏的面板(&amp;H)</translation>
    </message>
    <message>
        <source>Show all panels</source>
        <translation>显示所有面板</translation>
    </message>
    <message>
        <source>This is not a Watchroom layout file.</source>
        <translation>这不是 Watchroom 布局文件。</translation>
    </message>
    <message>
        <source>Move panel left</source>
        <translation>面板左移</translation>
    </message>
    <message>
        <source>Move panel right</source>
        <translation>面板右移</translation>
    </message>
    <message>
        <source>Hide panel</source>
        <translation>隐藏面板</translation>
    </message>
    <message>
        <source>View → Hidden panels shows it again</source>
        <translation>可通过“视图 → 隐藏的面板”重新显示</translation>
    </message>
    <message>
        <source>All panels are hidden.

View → Hidden panels shows them again.</source>
        <translation>所有面板均已隐藏。

可通过“视图 → 隐藏的面板”重新显示。</translation>
    </message>
    <message>
        <source>All panels are hidden</source>
        <translation>所有面板均已隐藏</translation>
    </message>
    <message>
        <source>&amp;Visible data as CSV…</source>
        <extracomment>File → Export: the raw points of every visible panel in the time window shown</extracomment>
        <translation>可见数据导出为 CSV(&amp;V)…</translation>
    </message>
    <message>
        <source>Every stored point of the visible panels&apos; series in the time window shown</source>
        <translation>可见面板中各序列在当前时间窗口内存储的所有数据点</translation>
    </message>
    <message>
        <source>Add &amp;panel…</source>
        <translation>添加面板(&amp;P)…</translation>
    </message>
    <message>
        <source>A new panel with series of the board you choose (Ctrl+Shift+N)</source>
        <translation>用您选择的看板序列新建面板（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Choose at least one series.</source>
        <translation>请至少选择一个序列。</translation>
    </message>
    <message>
        <source>The board has no series %1.</source>
        <translation>看板中没有序列 %1。</translation>
    </message>
    <message>
        <source>A panel shows series of one unit.</source>
        <translation>一个面板只显示一种单位的序列。</translation>
    </message>
    <message>
        <source>Added the panel “%1”</source>
        <translation>已添加面板“%1”</translation>
    </message>
    <message>
        <source>The panel shows this series already.</source>
        <translation>该面板已显示此序列。</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: this one shows %1, the series is in %2.</source>
        <translation>一个面板只显示一种单位的序列：此面板显示 %1，而该序列的单位是 %2。</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>无单位</translation>
    </message>
    <message>
        <source>Removed the panel “%1”</source>
        <translation>已删除面板“%1”</translation>
    </message>
    <message>
        <source>Watchroom — %1 (this computer)</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1（本机）</translation>
    </message>
    <message>
        <source>Watchroom — %1 (hosting at %2)</source>
        <extracomment>Window title; %1 = the board, %2 = address:port others join at</extracomment>
        <translation>Watchroom — %1（托管于 %2）</translation>
    </message>
    <message>
        <source>Watchroom — %1</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <extracomment>Status bar: &quot;Connected to this computer&quot; (the relay runs inside this app)</extracomment>
        <translation>本机</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Status bar: &quot;Connected to this computer, shared at 192.168.1.20:7300&quot;</extracomment>
        <translation>本机，共享于 %1</translation>
    </message>
    <message>
        <source>Panel si&amp;ze</source>
        <translation>面板大小(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Half width</source>
        <translation>半宽(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Full width</source>
        <translation>全宽(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Normal height</source>
        <translation>标准高度(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Tall (2 rows)</source>
        <translation>高（2 行）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Extra tall (3 rows)</source>
        <translation>特高（3 行）(&amp;E)</translation>
    </message>
    <message>
        <source>Add series…</source>
        <translation>添加序列…</translation>
    </message>
    <message>
        <source>Show more series of the same unit on this panel</source>
        <translation>在此面板上显示更多相同单位的序列</translation>
    </message>
    <message>
        <source>Remove series</source>
        <translation>移除序列</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>删除面板</translation>
    </message>
    <message>
        <source>Another CSV export is still running.</source>
        <translation>另一个 CSV 导出仍在进行。</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>Exporting %1: %2 %</source>
        <extracomment>Status bar while a CSV file is written; %1 = the file name, %2 = percent done</extracomment>
        <translation>正在导出 %1：%2 %</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Show series</source>
        <translation>显示序列</translation>
    </message>
    <message>
        <source>Alert</source>
        <extracomment>Submenu: when the panel&apos;s threshold notifies</extracomment>
        <translation>警报</translation>
    </message>
    <message>
        <source>When a series goes above the threshold</source>
        <translation>当某个序列高于阈值时</translation>
    </message>
    <message>
        <source>When a series goes below the threshold</source>
        <translation>当某个序列低于阈值时</translation>
    </message>
    <message>
        <source>Never (only draw the line)</source>
        <translation>从不（只画线）</translation>
    </message>
    <message>
        <source>“%1” is back within its threshold.</source>
        <extracomment>Status bar when no series of the panel is beyond its threshold any more</extracomment>
        <translation>“%1”已回到阈值以内。</translation>
    </message>
    <message>
        <source>%1: %2 is above the threshold %3 (%4 at %5).</source>
        <extracomment>Banner and notification; %1 = panel title, %2 = series name, %3 = the threshold, %4 = the series&apos; value, %5 = the time of that value (HH:mm:ss)</extracomment>
        <translation>%1：%2 高于阈值 %3（%5 时为 %4）。</translation>
    </message>
    <message>
        <source>%1: %2 is below the threshold %3 (%4 at %5).</source>
        <translation>%1：%2 低于阈值 %3（%5 时为 %4）。</translation>
    </message>
    <message>
        <source>Threshold crossed</source>
        <extracomment>Title of the desktop notification when a threshold alerts</extracomment>
        <translation>已越过阈值</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <extracomment>Button on a threshold alert&apos;s banner</extracomment>
        <translation>确认</translation>
    </message>
    <message>
        <source>Marks the crossing on the chart for everyone on the board</source>
        <translation>在图表上为看板中的每个人标出越过阈值的时刻</translation>
    </message>
    <message>
        <source>Acknowledged: %1 below the threshold %2 (%3)</source>
        <translation>已确认：%1 低于阈值 %2（%3）</translation>
    </message>
    <message>
        <source>Acknowledged: %1 above the threshold %2 (%3)</source>
        <translation>已确认：%1 高于阈值 %2（%3）</translation>
    </message>
    <message>
        <source>Acknowledged: everyone on the board sees it on “%1”.</source>
        <extracomment>Status bar after acknowledging a threshold alert</extracomment>
        <translation>已确认：看板中的每个人都能在“%1”上看到。</translation>
    </message>
    <message>
        <source>New data is arriving again.</source>
        <extracomment>Status bar: series that had stopped reporting send points again</extracomment>
        <translation>新数据又开始到达了。</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <extracomment>%1 = the first panels&apos; titles, %2 = how many more panels</extracomment>
        <translation>%1 等另外 %2 个</translation>
    </message>
    <message>
        <source>No new data since %1 on %2.</source>
        <extracomment>Banner; %1 = the time of the oldest last point (HH:mm:ss), %2 = panel titles</extracomment>
        <translation>%2 自 %1 起没有新数据。</translation>
    </message>
    <message>
        <source>Data stopped</source>
        <extracomment>Title of the desktop notification when series stop reporting</extracomment>
        <translation>数据已中断</translation>
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
        <translation>负载</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Disk I/O</source>
        <translation>磁盘 I/O</translation>
    </message>
    <message>
        <source>File systems</source>
        <translation>文件系统</translation>
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
        <translation>正在使用 %1</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Presence state of a person</extracomment>
        <translation>活跃</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>Presence state: no input for a minute</extracomment>
        <translation>空闲</translation>
    </message>
    <message>
        <source>away</source>
        <extracomment>Presence state: their window is hidden</extracomment>
        <translation>离开</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>整个看板</translation>
    </message>
    <message>
        <source>live</source>
        <extracomment>What a peer looks at: following the current time</extracomment>
        <translation>实时</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Looking at %1, %2</source>
        <extracomment>What a peer looks at: %1 = panel title, %2 = &quot;live&quot; or a time range</extracomment>
        <translation>正在查看 %1，%2</translation>
    </message>
    <message>
        <source>View not shared yet</source>
        <translation>尚未共享视图</translation>
    </message>
    <message>
        <source>Unfollow</source>
        <translation>取消跟随</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Stop following %1</source>
        <translation>停止跟随 %1</translation>
    </message>
    <message>
        <source>%1 has not shared what they look at yet</source>
        <translation>%1 尚未共享正在查看的内容</translation>
    </message>
    <message>
        <source>%1 does not allow others to follow them</source>
        <translation>%1 不允许他人跟随</translation>
    </message>
    <message>
        <source>Show what %1 looks at, until you move yourself</source>
        <translation>显示 %1 正在查看的内容，直到您自己移动视图</translation>
    </message>
    <message>
        <source>Unfollow %1</source>
        <translation>取消跟随 %1</translation>
    </message>
    <message>
        <source>Follow %1</source>
        <translation>跟随 %1</translation>
    </message>
    <message>
        <source>People</source>
        <extracomment>Dock title: the people on the board</extracomment>
        <translation>人员</translation>
    </message>
    <message>
        <source>Nobody else is here yet. Share a join link (Session → Host a team session) to invite others.</source>
        <translation>这里还没有其他人。共享加入链接（会话 → 托管…）以邀请他人。</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <extracomment>Accessible description of a person&apos;s row: %1 = state, %2 = what they look at</extracomment>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>People on this board</source>
        <translation>此看板上的人员</translation>
    </message>
</context>
<context>
    <name>wr::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System language</source>
        <extracomment>Language choice: use the operating system&apos;s language</extracomment>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>外观(&amp;A)：</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>隐私：</translation>
    </message>
    <message>
        <source>Hide other people&apos;s cursors</source>
        <translation>隐藏他人的光标</translation>
    </message>
    <message>
        <source>Don&apos;t share my cursor</source>
        <translation>不共享我的光标</translation>
    </message>
    <message>
        <source>Don&apos;t allow others to follow me</source>
        <translation>不允许他人跟随我</translation>
    </message>
    <message>
        <source>Others see what you look at, but cannot follow your view.</source>
        <translation>他人可以看到您正在查看的内容，但无法跟随您的视图。</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>警报：</translation>
    </message>
    <message>
        <source>Notify the desktop when a threshold is crossed</source>
        <translation>越过阈值时发送桌面通知</translation>
    </message>
    <message>
        <source>A notification, and the taskbar or Dock asks for attention. The board&apos;s banner shows every alert either way.</source>
        <translation>发送通知，并由任务栏或程序坞提醒注意。无论如何，看板的横幅都会显示每个警报。</translation>
    </message>
</context>
<context>
    <name>wr::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <extracomment>Keyboard shortcuts: submenu › action, e.g. &quot;Export › Board as PNG&quot;</extracomment>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>以指针为中心缩放</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>滚轮</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>拖动</translation>
    </message>
    <message>
        <source>Zoom to a range</source>
        <translation>缩放到某个范围</translation>
    </message>
    <message>
        <source>Right-drag</source>
        <translation>右键拖动</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>返回实时</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Point annotation</source>
        <translation>时间点注释</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Shift+单击</translation>
    </message>
    <message>
        <source>Region annotation</source>
        <translation>区间注释</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+拖动</translation>
    </message>
    <message>
        <source>Menu: annotations, layout, threshold, export</source>
        <translation>菜单：注释、布局、阈值、导出</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>右键单击</translation>
    </message>
    <message>
        <source>On a chart (mouse)</source>
        <extracomment>Keyboard shortcuts dialog: the group of mouse gestures on a chart</extracomment>
        <translation>在图表上（鼠标）</translation>
    </message>
</context>
<context>
    <name>wr::Theme</name>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>Appearance: follow the operating system&apos;s light/dark setting</extracomment>
        <translation>跟随系统</translation>
    </message>
</context>
</TS>
