#include <liyuan/tiles3d/Tiles3dDataset.h>
#include <liyuan/tiles3d/Tiles3dReader.h>

#include "DatasetFrame.h"
#include "Resource.h"
#include "TileResolver.h"
#include "TilesetCache.h"

#include <liyuan/scene/RemoteUrl.h>

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace liyuan::tiles3d {

bool Tiles3dDataset::identify(const QString &path)
{
    if (Resource::isRemote(path)) // remote: decided from the name alone (a .json URL); open() checks the content
        return Resource::suffix(path) == QLatin1String("json");
    const QFileInfo fi(path);
    if (!fi.isFile() || fi.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) != 0)
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    constexpr qint64 kPeek = 64 * 1024;
    QByteArray text = f.read(kPeek);
    if (f.size() > 2 * kPeek && f.seek(f.size() - kPeek))
        text += f.read(kPeek); // writers put "asset" first or last
    else
        text += f.readAll();
    static const QRegularExpression asset(QStringLiteral("\"asset\"\\s*:\\s*\\{[^{}]*\"version\""));
    return text.trimmed().startsWith('{') && asset.match(QString::fromUtf8(text)).hasMatch()
           && text.contains("\"geometricError\"");
}

Tiles3dDataset Tiles3dDataset::open(const QString &input)
{
    Tiles3dDataset ds;
    const bool remote = Resource::isRemote(input);
    const QString path = remote ? input : QFileInfo(input).absoluteFilePath();
    ds.path = path;
    const Tiles3dOptions options = Tiles3dReader::options();
    DatasetFrame f;
    if (!DatasetFrame::forTileset(path, options, &f, &ds.error)) {
        if (remote)
            ds.error = RemoteUrl::redactText(ds.error); // remote: no credentials in messages
        return ds;
    }
    ds.version = f.version;
    ds.frame = f.frame;
    ds.warnings = f.warnings;
    if (ds.version != QLatin1String("1.0") && ds.version != QLatin1String("1.1") && ds.version != QLatin1String("0.0"))
        ds.warnings << QStringLiteral("%1: asset.version \"%2\" (1.0 or 1.1 expected); read as 1.1").arg(Resource::shown(path), ds.version);
    if (remote)
        for (QString &w : ds.warnings)
            w = RemoteUrl::redactText(w);
    ds.rootFiles = {TileResolver::rootAddress(path)};
    ds.ok = true;
    return ds;
}

} // namespace liyuan::tiles3d
