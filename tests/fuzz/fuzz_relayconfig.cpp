// watchroom-relay configuration (app/relay/relayconfig.h): the INI file and the command line.
// Input: "<INI file>\0<arg>\n<arg>\n…". The INI part (when not empty) is written to a fresh file
// that --config names; the rest are arguments after the program name. Arguments naming another
// config file are dropped, so the fuzzer cannot make the harness read arbitrary files as INI.
// Each run uses a new file name: QSettings caches parsed files by path and modification time.
#include "fuzzsupport.h"

#include "relayconfig.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace wr;
using namespace Qt::StringLiterals;

namespace {
QTemporaryDir *scratch = nullptr;
quint64 counter = 0;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietMessages();
    scratch = new QTemporaryDir(); // removed at exit by the OS's tmp cleaning at worst
    scratch->setAutoRemove(true);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype nul = input.indexOf('\0');
    const QByteArray ini = nul < 0 ? input : input.left(nul);

    QStringList arguments { u"watchroom-relay"_s };
    if (nul >= 0) {
        const QList<QByteArray> raw = input.mid(nul + 1).split('\n');
        for (const QByteArray &argument : raw) {
            if (!argument.contains("config"))
                arguments.append(QString::fromUtf8(argument));
        }
    }

    QString path;
    if (!ini.isEmpty()) {
        path = scratch->filePath(u"relay-%1.ini"_s.arg(++counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(ini) != ini.size())
            fuzz::violated("cannot write the scratch config file");
        file.close();
        arguments << u"--config"_s << path;
    }

    const ConfigResult result = parseRelayConfig(arguments, QProcessEnvironment());
    if (result.outcome == ConfigOutcome::Error && result.message.isEmpty())
        fuzz::violated("a rejected configuration has no reason");
    if (result.outcome == ConfigOutcome::Run) {
        const RelayConfig &config = result.config;
        if (config.invites.isEmpty() && !config.listenAddress.isLoopback())
            fuzz::violated("accepted a non-loopback listen address without an invite secret");
        if (config.tlsCertificatePath.isEmpty() != config.tlsKeyPath.isEmpty())
            fuzz::violated("accepted a TLS certificate without a key or the reverse");
    }
    if (!path.isEmpty())
        QFile::remove(path);
    return 0;
}
