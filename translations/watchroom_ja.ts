<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
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
        <translation>Watchroom について</translation>
    </message>
    <message>
        <source>Watchroom %1</source>
        <translation>Watchroom %1</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (or GPL)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (または GPL)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt Charts — GPL-3.0 (the charts)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt Charts — GPL-3.0 (グラフ)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;Qt HttpServer — GPL-3.0 (the embedded relay)&lt;/li&gt;</source>
        <translation>&lt;li&gt;Qt HttpServer — GPL-3.0 (組み込みリレー)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Collaborative live monitoring: live charts, shared cursors and annotations, on this computer, on a LAN or through Azure Web PubSub.&lt;/p&gt;</source>
        <translation>&lt;p&gt;共同ライブ監視：ライブグラフ、共有カーソル、注釈。このコンピューター上、LAN 上、または Azure Web PubSub 経由で利用できます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Licence: %1. Because the open-source editions of Qt Charts and Qt HttpServer are GPL-3.0, Watchroom is GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;ライセンス：%1。Qt Charts と Qt HttpServer のオープンソース版が GPL-3.0 であるため、Watchroom は GPL-3.0-or-later です。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1 (running on Qt %2), using:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Qt %1 でビルド (Qt %2 で実行中)。使用しているモジュール：&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wr::AddPanelDialog</name>
    <message>
        <source>Add series to “%1”</source>
        <translation>「%1」に系列を追加</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>パネルを追加</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>タイトル(&amp;T):</translation>
    </message>
    <message>
        <source>Search series by name, host or id</source>
        <translation>名前、ホスト、ID で系列を検索</translation>
    </message>
    <message>
        <source>Search series</source>
        <translation>系列を検索</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Series of the board</source>
        <translation>ボードの系列</translation>
    </message>
    <message numerus="yes">
        <source>Without a unit (%n series)</source>
        <extracomment>A group of series in the Add panel dialog; %1 = a unit such as &quot;%&quot; or &quot;B/s&quot;</extracomment>
        <translation>
            <numerusform>単位なし (%n 系列)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unit %1 (%n series)</source>
        <translation>
            <numerusform>単位 %1 (%n 系列)</numerusform>
        </translation>
    </message>
    <message>
        <source>The board has no other series in this unit.</source>
        <translation>ボードにはこの単位の系列がほかにありません。</translation>
    </message>
    <message>
        <source>The board has no series yet.</source>
        <translation>ボードにはまだ系列がありません。</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: check the series to show.</source>
        <translation>パネルには 1 つの単位の系列を表示します。表示する系列にチェックを付けてください。</translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series without a unit can be added.</source>
        <translation>
            <numerusform>%n 系列を選択しました。パネルは 1 つの単位を表示します。追加できるのは単位なしの系列だけです。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series chosen. A panel shows one unit: only series in %1 can be added.</source>
        <translation>
            <numerusform>%n 系列を選択しました。パネルは 1 つの単位を表示します。追加できるのは %1 の系列だけです。</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. Memory of every host</source>
        <translation>例: 全ホストのメモリ</translation>
    </message>
    <message>
        <source>Add series</source>
        <translation>系列を追加</translation>
    </message>
</context>
<context>
    <name>wr::AnnotationDialog</name>
    <message>
        <source>New annotation</source>
        <translation>新しい注釈</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>注釈を編集</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <comment>annotation time range</comment>
        <translation>%1～%2</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>日時:</translation>
    </message>
    <message>
        <source>Annotation text</source>
        <translation>注釈のテキスト</translation>
    </message>
    <message>
        <source>What happened here?</source>
        <translation>ここで何が起きましたか？</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>テキスト(&amp;T):</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>deploy, incident</source>
        <translation>デプロイ, 障害</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>タグ(&amp;A):</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>色</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>色(&amp;C):</translation>
    </message>
    <message>
        <source>Show on every panel (not only %1)</source>
        <extracomment>Scope of an annotation: every panel of the board instead of only this one</extracomment>
        <translation>すべてのパネルに表示 (%1 だけでなく)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>注釈の色</translation>
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
        <translation>すべてのパネル</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(テキストなし)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <extracomment>Second line of an annotation in the list: author · time · panel</extracomment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>すべてのタグ</translation>
    </message>
    <message>
        <source>Show on the charts</source>
        <translation>グラフに表示</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Annotations</source>
        <extracomment>Dock title: the list of annotations</extracomment>
        <translation>注釈</translation>
    </message>
    <message>
        <source>Search text and tags</source>
        <translation>テキストとタグを検索</translation>
    </message>
    <message>
        <source>Search annotations</source>
        <translation>注釈を検索</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>タグで絞り込み</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>注釈 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n annotation(s)</source>
        <translation>
            <numerusform>注釈 %n 件中 %1 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <extracomment>Button under the annotation list: export them as CSV or JSON</extracomment>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>注釈をエクスポート</translation>
    </message>
</context>
<context>
    <name>wr::BannerBar</name>
    <message>
        <source>Messages</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times)</source>
        <extracomment>A banner&apos;s message that happened several times: %1 = message, %n = how often</extracomment>
        <translation>
            <numerusform>%1 (%n 回)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::BoardExport</name>
    <message>
        <source>There is nothing to export.</source>
        <translation>エクスポートするものがありません。</translation>
    </message>
    <message>
        <source>The image could not be written.</source>
        <translation>画像を書き込めませんでした。</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>エクスポートは取り消されました。</translation>
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
            <numerusform>ここに注釈 %n 件 (拡大すると分かれて表示されます)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>…ほか %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wr::ChartPanel</name>
    <message>
        <source>Chart: %1</source>
        <translation>グラフ: %1</translation>
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
        <translation>データなし</translation>
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
        <translation>しきい値 %1</translation>
    </message>
    <message>
        <source>Drag to resize the panel (it snaps to the board&apos;s grid)</source>
        <translation>ドラッグしてパネルのサイズを変更 (ボードのグリッドに合わせます)</translation>
    </message>
    <message>
        <source>Resize the panel</source>
        <translation>パネルのサイズを変更</translation>
    </message>
    <message>
        <source>Drag the title to move the panel (or use Move panel left / right in the chart menu)</source>
        <translation>タイトルをドラッグしてパネルを移動 (またはグラフのメニューの「パネルを左へ移動 / 右へ移動」)</translation>
    </message>
    <message>
        <source>Hidden. Click to show this series.</source>
        <extracomment>Tooltip of a hidden series&apos; legend entry, under the series&apos; name</extracomment>
        <translation>非表示。クリックするとこの系列を表示します。</translation>
    </message>
    <message>
        <source>Click to hide this series.</source>
        <extracomment>Tooltip of a legend entry, under the series&apos; name</extracomment>
        <translation>クリックするとこの系列を非表示にします。</translation>
    </message>
    <message>
        <source>No new data since %1</source>
        <extracomment>On a panel whose series stopped reporting; %1 = the time of their last point</extracomment>
        <translation>%1 以降、新しいデータがありません</translation>
    </message>
</context>
<context>
    <name>wr::DesktopApp</name>
    <message>
        <source>Guest</source>
        <translation>ゲスト</translation>
    </message>
    <message>
        <source>Collaborative live monitoring: live charts, shared cursors and annotations.</source>
        <translation>共同ライブ監視：ライブグラフ、共有カーソル、注釈。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>バージョンを表示して終了します。</translation>
    </message>
    <message>
        <source>Join a hub instead of hosting one on this computer: a negotiate URL, a wss:// client URL or a connection string.</source>
        <translation>このコンピューターでハブをホストする代わりに、既存のハブに参加します。negotiate URL、wss:// クライアント URL、または接続文字列を指定します。</translation>
    </message>
    <message>
        <source>The board to open (default: main).</source>
        <translation>開くボード (既定: main)。</translation>
    </message>
    <message>
        <source>Your display name.</source>
        <translation>表示名。</translation>
    </message>
    <message>
        <source>A watchroom://join?hub=…&amp;board=… link to join.</source>
        <translation>参加する watchroom://join?hub=…&amp;board=… リンク。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>予期しない引数: %1</translation>
    </message>
    <message>
        <source>Give either a watchroom:// link or --join, not both.</source>
        <translation>watchroom:// リンクと --join のどちらか一方だけを指定してください。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid board name (letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;; at most 64).</source>
        <translation>「%1」は有効なボード名ではありません (英字、数字、&apos;_&apos;、&apos;.&apos;、&apos;-&apos;、最大 64 文字)。</translation>
    </message>
    <message>
        <source>You are in a session hosted elsewhere. Start Watchroom without --join to host one from this computer.</source>
        <translation>別の場所でホストされているセッションに参加しています。このコンピューターからホストするには、--join を付けずに Watchroom を起動してください。</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>接続の問題: %1</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>参加できませんでした: %1</translation>
    </message>
    <message>
        <source>Could not start the local relay: %1</source>
        <translation>ローカルリレーを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Could not start the connection.</source>
        <translation>接続を開始できませんでした。</translation>
    </message>
    <message>
        <source>Only a session hosted on this computer can be shared.</source>
        <translation>共有できるのは、このコンピューターでホストしているセッションだけです。</translation>
    </message>
    <message>
        <source>The local relay stopped: %1</source>
        <translation>ローカルリレーが停止しました: %1</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Where we are connected when hosting: the relay runs inside this app</extracomment>
        <translation>このコンピューター (%1 で共有中)</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>Trust an https/wss hub whose certificate has this SHA-256 fingerprint (a self-signed certificate on a LAN).</source>
        <translation>証明書の SHA-256 フィンガープリントがこの値である https/wss ハブを信頼します (LAN 上の自己署名証明書の場合)。</translation>
    </message>
    <message>
        <source>--pin: %1</source>
        <translation>--pin: %1</translation>
    </message>
    <message>
        <source>Could not open the link: %1</source>
        <translation>リンクを開けませんでした: %1</translation>
    </message>
    <message>
        <source>Serving TLS needs both a certificate file and its key file.</source>
        <translation>TLS を使用するには、証明書ファイルとその鍵ファイルの両方が必要です。</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 には PEM 証明書が含まれていません。</translation>
    </message>
</context>
<context>
    <name>wr::HostDialog</name>
    <message>
        <source>Starting…</source>
        <translation>起動中…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 をコピー</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>クリップボードにコピーしました。</translation>
    </message>
    <message>
        <source>Could not host: %1</source>
        <translation>ホストできませんでした: %1</translation>
    </message>
    <message>
        <source>Hosting at %1. Send a link to each person; a viewer link cannot annotate.</source>
        <translation>%1 でホスト中です。各参加者にリンクを送ってください。閲覧者用リンクでは注釈を付けられません。</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>閲覧者</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>注釈者</translation>
    </message>
    <message>
        <source>%1 link</source>
        <extracomment>Host dialog: the link to send to someone, for one role</extracomment>
        <translation>%1用リンク</translation>
    </message>
    <message>
        <source>%1 hub URL</source>
        <extracomment>Host dialog: the hub URL for scripts and watchroom-cli, for one role</extracomment>
        <translation>%1用ハブ URL</translation>
    </message>
    <message>
        <source>Host again at this address</source>
        <translation>このアドレスで再度ホスト</translation>
    </message>
    <message>
        <source>Host a team session</source>
        <translation>チームセッションをホスト</translation>
    </message>
    <message>
        <source>The relay inside Watchroom moves to an address others on your network can reach. Annotations are kept; everyone needs a link with an invite secret to join.</source>
        <translation>Watchroom 内のリレーを、ネットワーク上の他の人が接続できるアドレスに移します。注釈は保持されます。参加するには、招待シークレット付きのリンクが必要です。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>アドレス(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>ポート(&amp;P):</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意の空きポート</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>ホスト(&amp;H)</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 証明書</translation>
    </message>
    <message>
        <source>PEM certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>PEM 証明書 (*.crt *.pem *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>TLS 秘密鍵</translation>
    </message>
    <message>
        <source>PEM keys (*.key *.pem);;All files (*)</source>
        <translation>PEM 秘密鍵 (*.key *.pem);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Hosting at %1 with TLS, certificate %2. Send a link to each person (it carries the certificate&apos;s pin); a viewer link cannot annotate.</source>
        <translation>%1 で TLS を使用してホスト中です (証明書 %2)。各参加者にリンクを送ってください (リンクには証明書のピンが含まれます)。閲覧者用リンクでは注釈を付けられません。</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS 証明書(&amp;C):</translation>
    </message>
    <message>
        <source>optional: a PEM file, for https/wss</source>
        <translation>省略可: https/wss 用の PEM ファイル</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS 証明書ファイル</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS 秘密鍵(&amp;K):</translation>
    </message>
    <message>
        <source>its private key (PEM)</source>
        <translation>対応する秘密鍵 (PEM)</translation>
    </message>
    <message>
        <source>TLS private key file</source>
        <translation>TLS 秘密鍵ファイル</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose the TLS certificate file</source>
        <translation>TLS 証明書ファイルを選択</translation>
    </message>
    <message>
        <source>Choose the TLS private key file</source>
        <translation>TLS 秘密鍵ファイルを選択</translation>
    </message>
</context>
<context>
    <name>wr::JoinDialog</name>
    <message>
        <source>Board names use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; (at most 64).</source>
        <translation>ボード名には英字、数字、&apos;_&apos;、&apos;.&apos;、&apos;-&apos; を使えます (最大 64 文字)。</translation>
    </message>
    <message>
        <source>A negotiate URL: a Watchroom relay or an app server in front of Azure Web PubSub.</source>
        <translation>negotiate URL: Watchroom リレー、または Azure Web PubSub の前段にあるアプリサーバー。</translation>
    </message>
    <message>
        <source>A client URL with its token: it works until the token expires.</source>
        <translation>トークン付きのクライアント URL: トークンの有効期限が切れるまで使えます。</translation>
    </message>
    <message>
        <source>A connection string: a token is made on this computer. It is not remembered (it contains the access key).</source>
        <translation>接続文字列: トークンはこのコンピューターで生成されます。接続文字列は保存されません (アクセスキーを含むため)。</translation>
    </message>
    <message>
        <source>Paste a watchroom:// link, a negotiate URL, a wss:// URL or a connection string.</source>
        <translation>watchroom:// リンク、negotiate URL、wss:// URL、または接続文字列を貼り付けてください。</translation>
    </message>
    <message>
        <source>Your colour</source>
        <translation>自分の色</translation>
    </message>
    <message>
        <source>Join a session</source>
        <translation>セッションに参加</translation>
    </message>
    <message>
        <source>&amp;Hub:</source>
        <translation>ハブ(&amp;H):</translation>
    </message>
    <message>
        <source>Hub address or link</source>
        <translation>ハブのアドレスまたはリンク</translation>
    </message>
    <message>
        <source>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</source>
        <translation>watchroom://join?hub=…, http://host:7300/negotiate?…, wss://…, Endpoint=…</translation>
    </message>
    <message>
        <source>&amp;Board:</source>
        <translation>ボード(&amp;B):</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>How others see you</source>
        <translation>他の人に表示される名前</translation>
    </message>
    <message>
        <source>Your &amp;colour:</source>
        <translation>自分の色(&amp;C):</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>参加</translation>
    </message>
    <message>
        <source>Certificate pin: expected sha256: and the 64 hex digits of the hub&apos;s certificate fingerprint.</source>
        <translation>証明書ピン: sha256: に続けて、ハブの証明書フィンガープリントを 16 進数 64 桁で指定してください。</translation>
    </message>
    <message>
        <source>Certificate &amp;pin:</source>
        <translation>証明書ピン(&amp;P):</translation>
    </message>
    <message>
        <source>sha256:… (only for a self-signed certificate on a LAN)</source>
        <translation>sha256:… (LAN 上の自己署名証明書の場合のみ)</translation>
    </message>
    <message>
        <source>Certificate pin</source>
        <translation>証明書ピン</translation>
    </message>
    <message>
        <source>The SHA-256 fingerprint of the hub&apos;s certificate. With a pin, only that certificate is accepted; without one, the certificate must be trusted by this computer.</source>
        <translation>ハブの証明書の SHA-256 フィンガープリント。ピンを指定すると、その証明書だけが受け入れられます。指定しない場合は、このコンピューターが信頼している証明書である必要があります。</translation>
    </message>
</context>
<context>
    <name>wr::JoinLinks</name>
    <message>
        <source>Paste a hub address or a watchroom:// link.</source>
        <translation>ハブのアドレスまたは watchroom:// リンクを貼り付けてください。</translation>
    </message>
    <message>
        <source>This watchroom:// link is not an invitation to join (expected watchroom://join?hub=…).</source>
        <translation>この watchroom:// リンクは参加用の招待ではありません (想定される形式: watchroom://join?hub=…)。</translation>
    </message>
    <message>
        <source>The link names an invalid board.</source>
        <translation>リンクのボード名が無効です。</translation>
    </message>
    <message>
        <source>This is not a hub address: paste a negotiate URL (http…/negotiate), a wss:// client URL or a connection string (Endpoint=…;AccessKey=…).</source>
        <translation>ハブのアドレスではありません。negotiate URL (http…/negotiate)、wss:// クライアント URL、または接続文字列 (Endpoint=…;AccessKey=…) を貼り付けてください。</translation>
    </message>
    <message>
        <source>The link&apos;s certificate pin is not valid (expected pin=sha256:&lt;64 hex digits&gt;).</source>
        <translation>リンクの証明書ピンが無効です (想定される形式: pin=sha256:&lt;16 進数 64 桁&gt;)。</translation>
    </message>
</context>
<context>
    <name>wr::MainWindow</name>
    <message>
        <source>1 m</source>
        <translation>1分</translation>
    </message>
    <message>
        <source>5 m</source>
        <translation>5分</translation>
    </message>
    <message>
        <source>15 m</source>
        <translation>15分</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1時間</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6時間</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24時間</translation>
    </message>
    <message>
        <source>Watchroom</source>
        <translation>Watchroom</translation>
    </message>
    <message>
        <source>The person you followed left.</source>
        <translation>フォローしていた人が退出しました。</translation>
    </message>
    <message>
        <source>The hub refused an annotation edit (%1): %2</source>
        <translation>ハブが注釈の編集を拒否しました (%1): %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Show the last %1</source>
        <extracomment>Tooltip of a time window preset, e.g. &quot;Show the last 5 m&quot;</extracomment>
        <translation>直近%1を表示</translation>
    </message>
    <message>
        <source>Live</source>
        <extracomment>Toolbar button: follow the current time (live mode)</extracomment>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>Follow the current time (Ctrl+L, or double-click a chart)</source>
        <translation>現在時刻に追従 (Ctrl+L、またはグラフをダブルクリック)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>ズームアウト</translation>
    </message>
    <message>
        <source>Show twice the time span</source>
        <translation>表示期間を 2 倍にする</translation>
    </message>
    <message>
        <source>Annotate</source>
        <extracomment>Toolbar button: add an annotation at the current time for the whole board</extracomment>
        <translation>注釈を追加</translation>
    </message>
    <message>
        <source>Join…</source>
        <extracomment>Toolbar button: join someone else&apos;s session</extracomment>
        <translation>参加…</translation>
    </message>
    <message>
        <source>Join a session: paste a link or a hub address (Ctrl+J)</source>
        <translation>セッションに参加: リンクまたはハブのアドレスを貼り付け (Ctrl+J)</translation>
    </message>
    <message>
        <source>Host…</source>
        <translation>ホスト…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Watchroom</source>
        <translation>Watchroom について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <extracomment>Menu title: joining, hosting and settings</extracomment>
        <translation>セッション(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外観(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Waiting for metrics…

Charts appear here as soon as the first series arrives from the board&apos;s sources.</source>
        <translation>メトリクスを待っています…

ボードのソースから最初の系列が届くと、ここにグラフが表示されます。</translation>
    </message>
    <message>
        <source>Waiting for metrics</source>
        <translation>メトリクス待ち</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>接続状態</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>往復時間</translation>
    </message>
    <message>
        <source>People present</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Live or paused</source>
        <translation>ライブまたは一時停止</translation>
    </message>
    <message>
        <source>Following the current time</source>
        <translation>現在時刻に追従中</translation>
    </message>
    <message>
        <source>Paused — Ctrl+L returns to live</source>
        <extracomment>Status bar: the charts are paused (not following now)</extracomment>
        <translation>一時停止中 — Ctrl+L でライブに戻ります</translation>
    </message>
    <message>
        <source>the board</source>
        <translation>ボード</translation>
    </message>
    <message>
        <source>The annotation was not saved: %1</source>
        <translation>注釈は保存されませんでした: %1</translation>
    </message>
    <message>
        <source>Only you here</source>
        <extracomment>Status bar: number of people on the board, including me (always 2 or more)</extracomment>
        <translation>自分だけ</translation>
    </message>
    <message numerus="yes">
        <source>%n people here</source>
        <translation>
            <numerusform>%n 人が参加中</numerusform>
        </translation>
    </message>
    <message>
        <source>Only you</source>
        <translation>自分だけ</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>%1 に接続済み</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <source>Recovering the connection…</source>
        <translation>接続を回復中…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>%n 秒後に再接続</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>再接続中…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Round trip %1 ms</source>
        <extracomment>Status bar: round-trip time to the hub in milliseconds</extracomment>
        <translation>往復 %1 ms</translation>
    </message>
    <message>
        <source>You joined as a viewer: only annotators can add, edit or delete annotations. Ask the host for an annotator link.</source>
        <translation>閲覧者として参加しています。注釈の追加・編集・削除ができるのは注釈者だけです。ホストに注釈者用リンクを依頼してください。</translation>
    </message>
    <message>
        <source>Your role (%1) may not add, edit or delete annotations.</source>
        <extracomment>%1 = a role name such as &quot;source&quot;</extracomment>
        <translation>あなたのロール (%1) では注釈の追加・編集・削除はできません。</translation>
    </message>
    <message>
        <source>Add an annotation now for the whole board (Ctrl+M); Shift+click or Shift+drag on a chart for a panel</source>
        <translation>ボード全体に今すぐ注釈を追加 (Ctrl+M)。パネル単位なら、グラフ上で Shift+クリックまたは Shift+ドラッグ</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>ボード全体</translation>
    </message>
    <message>
        <source>you</source>
        <extracomment>The author of an annotation is the local user</extracomment>
        <translation>あなた</translation>
    </message>
    <message>
        <source>Annotation deleted</source>
        <translation>注釈を削除しました</translation>
    </message>
    <message>
        <source>Annotation by %1</source>
        <translation>%1 の注釈</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Edit annotation…</source>
        <translation>注釈を編集…</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>注釈を削除</translation>
    </message>
    <message>
        <source>Add annotation here…</source>
        <translation>ここに注釈を追加…</translation>
    </message>
    <message>
        <source>Following %1 — any input of yours stops it</source>
        <translation>%1 をフォロー中 — 自分で操作すると停止します</translation>
    </message>
    <message>
        <source>Stopped following</source>
        <translation>フォローを停止しました</translation>
    </message>
    <message>
        <source>%1 no longer allows others to follow them.</source>
        <translation>%1 はフォローを許可しなくなりました。</translation>
    </message>
    <message>
        <source>Host a team session: let others on your network join this board</source>
        <translation>チームセッションをホスト: ネットワーク上の他の人がこのボードに参加できるようにします</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Follow / stop following</source>
        <extracomment>Menu: stop following, or follow the person selected in the People dock</extracomment>
        <translation>フォロー / フォロー解除(&amp;F)</translation>
    </message>
    <message>
        <source>Stop following, or follow the person whose row in the People dock has the focus (else the first one you can)</source>
        <translation>フォローを停止するか、「参加者」でフォーカスのある行の人をフォローします (なければフォローできる最初の人)</translation>
    </message>
    <message>
        <source>Board as &amp;PNG…</source>
        <translation>ボード (PNG)(&amp;P)…</translation>
    </message>
    <message>
        <source>Annotations as &amp;CSV…</source>
        <translation>注釈 (CSV)(&amp;C)…</translation>
    </message>
    <message>
        <source>Annotations as &amp;JSON…</source>
        <translation>注釈 (JSON)(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Menu title: export and layout files</extracomment>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Set threshold…</source>
        <translation>しきい値を設定…</translation>
    </message>
    <message>
        <source>Clear threshold</source>
        <translation>しきい値を解除</translation>
    </message>
    <message>
        <source>Export panel as PNG…</source>
        <translation>パネルを PNG でエクスポート…</translation>
    </message>
    <message>
        <source>Export visible data as CSV…</source>
        <translation>表示中のデータを CSV でエクスポート…</translation>
    </message>
    <message>
        <source>Every stored point of this panel&apos;s series in the time window shown</source>
        <translation>表示中の時間範囲にある、このパネルの系列の保存済みポイントすべて</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at:</source>
        <extracomment>%1 = panel title</extracomment>
        <translation>「%1」に破線を引く値:</translation>
    </message>
    <message>
        <source>Draw a dashed line on “%1” at (%2):</source>
        <extracomment>%1 = panel title, %2 = the unit of the value axis, e.g. &quot;MiB&quot;</extracomment>
        <translation>「%1」に破線を引く値 (%2):</translation>
    </message>
    <message>
        <source>Nobody here can be followed right now</source>
        <translation>現在フォローできる人はいません</translation>
    </message>
    <message>
        <source>There is no panel %1.</source>
        <translation>パネル %1 はありません。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <extracomment>Status bar after an export; %1 = the file</extracomment>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>%1 を保存できませんでした: %2</translation>
    </message>
    <message>
        <source>Export the board as PNG</source>
        <translation>ボードを PNG でエクスポート</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Export the panel as PNG</source>
        <translation>パネルを PNG でエクスポート</translation>
    </message>
    <message>
        <source>Export the visible data as CSV</source>
        <translation>表示中のデータを CSV でエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Export annotations as CSV</source>
        <translation>注釈を CSV でエクスポート</translation>
    </message>
    <message>
        <source>Export annotations as JSON</source>
        <translation>注釈を JSON でエクスポート</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON ファイル (*.json)</translation>
    </message>
    <message>
        <source>Export the layout</source>
        <translation>レイアウトをエクスポート</translation>
    </message>
    <message>
        <source>Import a layout</source>
        <translation>レイアウトをインポート</translation>
    </message>
    <message>
        <source>Layout imported</source>
        <translation>レイアウトをインポートしました</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <extracomment>%1 = the file, %2 = the reason</extracomment>
        <translation>%1 をインポートできませんでした: %2</translation>
    </message>
    <message>
        <source>Export &amp;layout…</source>
        <translation>レイアウトをエクスポート(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Import layout…</source>
        <translation>レイアウトをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Hidden panels</source>
        <translation>非表示のパネル(&amp;H)</translation>
    </message>
    <message>
        <source>Show all panels</source>
        <translation>すべてのパネルを表示</translation>
    </message>
    <message>
        <source>This is not a Watchroom layout file.</source>
        <translation>Watchroom のレイアウトファイルではありません。</translation>
    </message>
    <message>
        <source>Move panel left</source>
        <translation>パネルを左へ移動</translation>
    </message>
    <message>
        <source>Move panel right</source>
        <translation>パネルを右へ移動</translation>
    </message>
    <message>
        <source>Hide panel</source>
        <translation>パネルを非表示</translation>
    </message>
    <message>
        <source>View → Hidden panels shows it again</source>
        <translation>表示 → 非表示のパネル で再表示できます</translation>
    </message>
    <message>
        <source>All panels are hidden.

View → Hidden panels shows them again.</source>
        <translation>すべてのパネルが非表示です。

表示 → 非表示のパネル で再表示できます。</translation>
    </message>
    <message>
        <source>All panels are hidden</source>
        <translation>すべてのパネルが非表示です</translation>
    </message>
    <message>
        <source>&amp;Visible data as CSV…</source>
        <extracomment>File → Export: the raw points of every visible panel in the time window shown</extracomment>
        <translation>表示中のデータ (CSV)(&amp;V)…</translation>
    </message>
    <message>
        <source>Every stored point of the visible panels&apos; series in the time window shown</source>
        <translation>表示中のパネルの系列について、表示中の時間範囲に保存されているすべての点</translation>
    </message>
    <message>
        <source>Add &amp;panel…</source>
        <translation>パネルを追加(&amp;P)…</translation>
    </message>
    <message>
        <source>A new panel with series of the board you choose (Ctrl+Shift+N)</source>
        <translation>選んだボードの系列で新しいパネルを作成 (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Choose at least one series.</source>
        <translation>系列を 1 つ以上選んでください。</translation>
    </message>
    <message>
        <source>The board has no series %1.</source>
        <translation>ボードに系列 %1 はありません。</translation>
    </message>
    <message>
        <source>A panel shows series of one unit.</source>
        <translation>パネルには 1 つの単位の系列だけを表示します。</translation>
    </message>
    <message>
        <source>Added the panel “%1”</source>
        <translation>パネル「%1」を追加しました</translation>
    </message>
    <message>
        <source>The panel shows this series already.</source>
        <translation>このパネルにはこの系列がすでに表示されています。</translation>
    </message>
    <message>
        <source>A panel shows series of one unit: this one shows %1, the series is in %2.</source>
        <translation>パネルには 1 つの単位の系列だけを表示します。このパネルは %1、系列は %2 です。</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>単位なし</translation>
    </message>
    <message>
        <source>Removed the panel “%1”</source>
        <translation>パネル「%1」を削除しました</translation>
    </message>
    <message>
        <source>Watchroom — %1 (this computer)</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1 (このコンピューター)</translation>
    </message>
    <message>
        <source>Watchroom — %1 (hosting at %2)</source>
        <extracomment>Window title; %1 = the board, %2 = address:port others join at</extracomment>
        <translation>Watchroom — %1 (%2 でホスト中)</translation>
    </message>
    <message>
        <source>Watchroom — %1</source>
        <extracomment>Window title; %1 = the board</extracomment>
        <translation>Watchroom — %1</translation>
    </message>
    <message>
        <source>this computer</source>
        <extracomment>Status bar: &quot;Connected to this computer&quot; (the relay runs inside this app)</extracomment>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>this computer, shared at %1</source>
        <extracomment>Status bar: &quot;Connected to this computer, shared at 192.168.1.20:7300&quot;</extracomment>
        <translation>このコンピューター (%1 で共有中)</translation>
    </message>
    <message>
        <source>Panel si&amp;ze</source>
        <translation>パネルのサイズ(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Half width</source>
        <translation>半分の幅(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Full width</source>
        <translation>全幅(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Normal height</source>
        <translation>標準の高さ(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Tall (2 rows)</source>
        <translation>高い (2 行)(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Extra tall (3 rows)</source>
        <translation>さらに高い (3 行)(&amp;E)</translation>
    </message>
    <message>
        <source>Add series…</source>
        <translation>系列を追加…</translation>
    </message>
    <message>
        <source>Show more series of the same unit on this panel</source>
        <translation>同じ単位の系列をこのパネルにさらに表示</translation>
    </message>
    <message>
        <source>Remove series</source>
        <translation>系列を削除</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>パネルを削除</translation>
    </message>
    <message>
        <source>Another CSV export is still running.</source>
        <translation>別の CSV エクスポートがまだ実行中です。</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>エクスポートするものがありません。</translation>
    </message>
    <message>
        <source>Exporting %1: %2 %</source>
        <extracomment>Status bar while a CSV file is written; %1 = the file name, %2 = percent done</extracomment>
        <translation>%1 をエクスポート中: %2 %</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>エクスポートは取り消されました。</translation>
    </message>
    <message>
        <source>Show series</source>
        <translation>系列を表示</translation>
    </message>
    <message>
        <source>Alert</source>
        <extracomment>Submenu: when the panel&apos;s threshold notifies</extracomment>
        <translation>アラート</translation>
    </message>
    <message>
        <source>When a series goes above the threshold</source>
        <translation>系列がしきい値を上回ったとき</translation>
    </message>
    <message>
        <source>When a series goes below the threshold</source>
        <translation>系列がしきい値を下回ったとき</translation>
    </message>
    <message>
        <source>Never (only draw the line)</source>
        <translation>しない（線だけを表示）</translation>
    </message>
    <message>
        <source>“%1” is back within its threshold.</source>
        <extracomment>Status bar when no series of the panel is beyond its threshold any more</extracomment>
        <translation>「%1」はしきい値内に戻りました。</translation>
    </message>
    <message>
        <source>%1: %2 is above the threshold %3 (%4 at %5).</source>
        <extracomment>Banner and notification; %1 = panel title, %2 = series name, %3 = the threshold, %4 = the series&apos; value, %5 = the time of that value (HH:mm:ss)</extracomment>
        <translation>%1: %2 がしきい値 %3 を上回っています（%5 に %4）。</translation>
    </message>
    <message>
        <source>%1: %2 is below the threshold %3 (%4 at %5).</source>
        <translation>%1: %2 がしきい値 %3 を下回っています（%5 に %4）。</translation>
    </message>
    <message>
        <source>Threshold crossed</source>
        <extracomment>Title of the desktop notification when a threshold alerts</extracomment>
        <translation>しきい値を超えました</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <extracomment>Button on a threshold alert&apos;s banner</extracomment>
        <translation>確認済みにする</translation>
    </message>
    <message>
        <source>Marks the crossing on the chart for everyone on the board</source>
        <translation>ボードの全員に見えるよう、超えた時点をグラフに記録します</translation>
    </message>
    <message>
        <source>Acknowledged: %1 below the threshold %2 (%3)</source>
        <translation>確認済み: %1 がしきい値 %2 を下回りました（%3）</translation>
    </message>
    <message>
        <source>Acknowledged: %1 above the threshold %2 (%3)</source>
        <translation>確認済み: %1 がしきい値 %2 を上回りました（%3）</translation>
    </message>
    <message>
        <source>Acknowledged: everyone on the board sees it on “%1”.</source>
        <extracomment>Status bar after acknowledging a threshold alert</extracomment>
        <translation>確認済み: ボードの全員が「%1」で確認できます。</translation>
    </message>
    <message>
        <source>New data is arriving again.</source>
        <extracomment>Status bar: series that had stopped reporting send points again</extracomment>
        <translation>新しいデータが再び届いています。</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <extracomment>%1 = the first panels&apos; titles, %2 = how many more panels</extracomment>
        <translation>%1 ほか %2 件</translation>
    </message>
    <message>
        <source>No new data since %1 on %2.</source>
        <extracomment>Banner; %1 = the time of the oldest last point (HH:mm:ss), %2 = panel titles</extracomment>
        <translation>%2 で %1 以降、新しいデータがありません。</translation>
    </message>
    <message>
        <source>Data stopped</source>
        <extracomment>Title of the desktop notification when series stop reporting</extracomment>
        <translation>データが途絶えました</translation>
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
        <translation>負荷</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Disk I/O</source>
        <translation>ディスク I/O</translation>
    </message>
    <message>
        <source>File systems</source>
        <translation>ファイルシステム</translation>
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
        <translation>%1 を使用中</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Presence state of a person</extracomment>
        <translation>アクティブ</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>Presence state: no input for a minute</extracomment>
        <translation>アイドル</translation>
    </message>
    <message>
        <source>away</source>
        <extracomment>Presence state: their window is hidden</extracomment>
        <translation>離席中</translation>
    </message>
    <message>
        <source>the whole board</source>
        <translation>ボード全体</translation>
    </message>
    <message>
        <source>live</source>
        <extracomment>What a peer looks at: following the current time</extracomment>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Looking at %1, %2</source>
        <extracomment>What a peer looks at: %1 = panel title, %2 = &quot;live&quot; or a time range</extracomment>
        <translation>%1 を表示中 (%2)</translation>
    </message>
    <message>
        <source>View not shared yet</source>
        <translation>表示はまだ共有されていません</translation>
    </message>
    <message>
        <source>Unfollow</source>
        <translation>フォロー解除</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>フォロー</translation>
    </message>
    <message>
        <source>Stop following %1</source>
        <translation>%1 のフォローを解除</translation>
    </message>
    <message>
        <source>%1 has not shared what they look at yet</source>
        <translation>%1 はまだ表示内容を共有していません</translation>
    </message>
    <message>
        <source>%1 does not allow others to follow them</source>
        <translation>%1 はフォローを許可していません</translation>
    </message>
    <message>
        <source>Show what %1 looks at, until you move yourself</source>
        <translation>自分で操作するまで、%1 が見ている内容を表示します</translation>
    </message>
    <message>
        <source>Unfollow %1</source>
        <translation>%1 のフォローを解除</translation>
    </message>
    <message>
        <source>Follow %1</source>
        <translation>%1 をフォロー</translation>
    </message>
    <message>
        <source>People</source>
        <extracomment>Dock title: the people on the board</extracomment>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Nobody else is here yet. Share a join link (Session → Host a team session) to invite others.</source>
        <translation>まだ他に誰もいません。参加リンクを共有して (セッション → ホスト…) 他の人を招待しましょう。</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <extracomment>Accessible description of a person&apos;s row: %1 = state, %2 = what they look at</extracomment>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>People on this board</source>
        <translation>このボードの参加者</translation>
    </message>
</context>
<context>
    <name>wr::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>System language</source>
        <extracomment>Language choice: use the operating system&apos;s language</extracomment>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>外観(&amp;A):</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <source>Privacy:</source>
        <translation>プライバシー:</translation>
    </message>
    <message>
        <source>Hide other people&apos;s cursors</source>
        <translation>他の人のカーソルを隠す</translation>
    </message>
    <message>
        <source>Don&apos;t share my cursor</source>
        <translation>自分のカーソルを共有しない</translation>
    </message>
    <message>
        <source>Don&apos;t allow others to follow me</source>
        <translation>他の人にフォローを許可しない</translation>
    </message>
    <message>
        <source>Others see what you look at, but cannot follow your view.</source>
        <translation>他の人はあなたが見ている内容を確認できますが、あなたの表示をフォローすることはできません。</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>アラート:</translation>
    </message>
    <message>
        <source>Notify the desktop when a threshold is crossed</source>
        <translation>しきい値を超えたらデスクトップに通知する</translation>
    </message>
    <message>
        <source>A notification, and the taskbar or Dock asks for attention. The board&apos;s banner shows every alert either way.</source>
        <translation>通知を表示し、タスクバーまたは Dock で注意を促します。ボードのバナーにはどちらの場合もすべてのアラートが表示されます。</translation>
    </message>
</context>
<context>
    <name>wr::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <extracomment>Keyboard shortcuts: submenu › action, e.g. &quot;Export › Board as PNG&quot;</extracomment>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>ポインター位置を中心にズーム</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>ホイール</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>表示範囲を移動</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>ドラッグ</translation>
    </message>
    <message>
        <source>Zoom to a range</source>
        <translation>範囲にズーム</translation>
    </message>
    <message>
        <source>Right-drag</source>
        <translation>右ドラッグ</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>ライブに戻る</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>ダブルクリック</translation>
    </message>
    <message>
        <source>Point annotation</source>
        <translation>時点の注釈</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Shift+クリック</translation>
    </message>
    <message>
        <source>Region annotation</source>
        <translation>範囲の注釈</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+ドラッグ</translation>
    </message>
    <message>
        <source>Menu: annotations, layout, threshold, export</source>
        <translation>メニュー: 注釈、レイアウト、しきい値、エクスポート</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>右クリック</translation>
    </message>
    <message>
        <source>On a chart (mouse)</source>
        <extracomment>Keyboard shortcuts dialog: the group of mouse gestures on a chart</extracomment>
        <translation>グラフ上 (マウス)</translation>
    </message>
</context>
<context>
    <name>wr::Theme</name>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>Appearance: follow the operating system&apos;s light/dark setting</extracomment>
        <translation>システム</translation>
    </message>
</context>
</TS>
