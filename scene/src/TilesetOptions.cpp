#include <liyuan/scene/TilesetOptions.h>

#include <QSettings>

#include <algorithm>

namespace liyuan {

TilesetOptions TilesetOptions::fromSettings(const QSettings &s, const TilesetOptions &d)
{
    TilesetOptions o = d;
    const QString g = QStringLiteral("streaming/");
    o.cacheBytes = qint64(s.value(g + QStringLiteral("cacheMB"), double(d.cacheBytes) / (1024.0 * 1024.0)).toDouble() * 1024 * 1024);
    o.maxConcurrentLoads = s.value(g + QStringLiteral("maxLoads"), d.maxConcurrentLoads).toInt();
    o.lodScale = s.value(g + QStringLiteral("lodScale"), d.lodScale).toDouble();
    o.attachBudgetMs = s.value(g + QStringLiteral("frameBudgetMs"), d.attachBudgetMs).toDouble();
    o.unlit = s.value(g + QStringLiteral("unlit"), d.unlit).toBool();
    o.mipmaps = s.value(g + QStringLiteral("mipmaps"), d.mipmaps).toBool();
    o.streamingFrameIntervalMs = std::clamp(s.value(g + QStringLiteral("streamingFrameIntervalMs"), d.streamingFrameIntervalMs).toInt(), 0, 1000);
    o.maxParkedDrawables = std::clamp(s.value(g + QStringLiteral("maxParkedDrawables"), d.maxParkedDrawables).toInt(), 0, 1000000);
    TextureCompression tc = d.textureCompression;
    if (parseCompression(s.value(g + QStringLiteral("textureCompression"), compressionName(d.textureCompression)).toString(), &tc))
        o.textureCompression = tc;
    o.maxTextureSide = s.value(g + QStringLiteral("maxTextureSide"), d.maxTextureSide).toInt();
    o.diskCacheBytes = qint64(s.value(g + QStringLiteral("diskCacheMB"), double(d.diskCacheBytes) / (1024.0 * 1024.0)).toDouble() * 1024 * 1024);
    o.requestTimeoutMs = s.value(g + QStringLiteral("requestTimeoutMs"), d.requestTimeoutMs).toInt();
    o.maxRetries = s.value(g + QStringLiteral("maxRetries"), d.maxRetries).toInt();
    o.maxConcurrentRequests = s.value(g + QStringLiteral("maxRequests"), d.maxConcurrentRequests).toInt();
    return o;
}

void TilesetOptions::save(QSettings &s) const
{
    const QString g = QStringLiteral("streaming/");
    s.setValue(g + QStringLiteral("cacheMB"), double(cacheBytes) / (1024.0 * 1024.0));
    s.setValue(g + QStringLiteral("maxLoads"), maxConcurrentLoads);
    s.setValue(g + QStringLiteral("lodScale"), lodScale);
    s.setValue(g + QStringLiteral("frameBudgetMs"), attachBudgetMs);
    s.setValue(g + QStringLiteral("unlit"), unlit);
    s.setValue(g + QStringLiteral("mipmaps"), mipmaps);
    s.setValue(g + QStringLiteral("streamingFrameIntervalMs"), streamingFrameIntervalMs);
    s.setValue(g + QStringLiteral("maxParkedDrawables"), maxParkedDrawables);
    s.setValue(g + QStringLiteral("textureCompression"), compressionName(textureCompression));
    s.setValue(g + QStringLiteral("diskCacheMB"), double(diskCacheBytes) / (1024.0 * 1024.0));
}

QString TilesetOptions::compressionName(TextureCompression c)
{
    switch (c) {
    case TextureCompression::None: return QStringLiteral("none");
    case TextureCompression::Bc1: return QStringLiteral("bc1");
    case TextureCompression::Bc3: return QStringLiteral("bc3");
    }
    return QStringLiteral("none");
}

bool TilesetOptions::parseCompression(const QString &name, TextureCompression *out)
{
    for (TextureCompression c : {TextureCompression::None, TextureCompression::Bc1, TextureCompression::Bc3}) {
        if (name.compare(compressionName(c), Qt::CaseInsensitive) == 0) {
            *out = c;
            return true;
        }
    }
    return false;
}

QStringList TilesetOptions::sanitize()
{
    QStringList msgs;
    auto clampValue = [&](auto &v, auto lo, auto hi, const char *name) {
        const auto old = v;
        v = std::clamp(v, decltype(v)(lo), decltype(v)(hi));
        if (v != old)
            msgs << QStringLiteral("%1 %2 is out of range; using %3").arg(QLatin1String(name)).arg(old).arg(v);
    };
    clampValue(cacheBytes, 16ll << 20, 1ll << 40, "cache bytes");
    clampValue(maxConcurrentLoads, 1, 64, "max loads");
    clampValue(maxParkedDrawables, 0, 1000000, "max parked drawables");
    if (!(lodScale > 0.0)) {
        msgs << QStringLiteral("LOD scale %1 is out of range; using 1").arg(lodScale);
        lodScale = 1.0;
    }
    clampValue(lodScale, 0.01, 100.0, "LOD scale");
    if (!(attachBudgetMs >= 0.0)) // catches NaN too
        attachBudgetMs = 6.0;
    clampValue(attachBudgetMs, 0.5, 1000.0, "frame budget ms");
    clampValue(maxTextureSide, 1, 65536, "max texture side");
    clampValue(diskCacheBytes, 0ll, 1ll << 44, "disk cache bytes");
    clampValue(requestTimeoutMs, 100, 600000, "request timeout ms");
    clampValue(maxRetries, 0, 20, "retries");
    clampValue(retryBaseMs, 0, 60000, "retry delay ms");
    clampValue(maxConcurrentRequests, 1, 64, "max requests");
    return msgs;
}

} // namespace liyuan
