#include "PointOverlayModel.h"

#include <QRectF>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kNearZ = 0.05;  ///< points nearer than this along the view direction are dropped

QString attributeText(const QVariantMap &attributes, const QString &name)
{
    if (name.isEmpty())
        return {};
    const auto it = attributes.constFind(name);
    if (it == attributes.constEnd() || it->isNull() || !it->isValid())
        return {};
    return it->toString().trimmed();
}

/** A `photo` attribute as a URL string: URLs kept, paths made absolute against folder. */
QString photoUrl(const QString &value, const QString &folder)
{
    if (value.isEmpty())
        return {};
    static const char *const schemes[] = {"http:", "https:", "file:", "qrc:", "data:"};
    for (const char *s : schemes) {
        if (value.startsWith(QLatin1String(s), Qt::CaseInsensitive))
            return value;
    }
    QString path = value;
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));  // Windows-made attributes, on any system
    const QFileInfo fi(path);
    QString absolute;
    if (fi.isAbsolute())
        absolute = path;
    else if (!folder.isEmpty())
        absolute = QDir(folder).filePath(path);
    else
        absolute = fi.absoluteFilePath();
    return QUrl::fromLocalFile(QDir::cleanPath(absolute)).toString();
}

bool sameView(const ViewState &a, const ViewState &b)
{
    return a.eye == b.eye && a.forward == b.forward && a.up == b.up && a.fovYDegrees == b.fovYDegrees
           && a.viewportWidth == b.viewportWidth && a.viewportHeight == b.viewportHeight
           && a.farPlane == b.farPlane && a.ndcLeft == b.ndcLeft && a.ndcRight == b.ndcRight // wall: sub-view
           && a.ndcBottom == b.ndcBottom && a.ndcTop == b.ndcTop && a.fullAspect == b.fullAspect;
}

enum ChangeBit : unsigned {
    ChangedX = 1u << 0,
    ChangedY = 1u << 1,
    ChangedLabel = 1u << 2,
    ChangedCount = 1u << 3,
    ChangedCategory = 1u << 4,
    ChangedPhoto = 1u << 5,
    ChangedDepth = 1u << 6,
};

QList<int> rolesOf(unsigned mask)
{
    QList<int> roles;
    if (mask & ChangedX)
        roles << PointOverlayModel::XRole;
    if (mask & ChangedY)
        roles << PointOverlayModel::YRole;
    if (mask & ChangedLabel)
        roles << PointOverlayModel::LabelRole;
    if (mask & ChangedCount)
        roles << PointOverlayModel::CountRole;
    if (mask & ChangedCategory)
        roles << PointOverlayModel::CategoryRole;
    if (mask & ChangedPhoto)
        roles << PointOverlayModel::PhotoRole;
    if (mask & ChangedDepth)
        roles << PointOverlayModel::DepthRole;
    return roles;
}

} // namespace

/** A layer's point features, flattened for the per-frame loop. */
struct PointOverlayModel::Layer
{
    QString id;
    quint32 serial = 0;
    bool visible = true;
    std::shared_ptr<const gdal::VectorLayerData> data;
    QString labelAttribute;
    QString iconKey;
    std::vector<Vec3d> anchors;
    std::vector<qint64> fids;
    std::vector<QString> labels;
    std::vector<QString> labelsEn;    ///< empty when the feature has no English name
    std::vector<QString> categories;
    std::vector<QString> photos;
};

/** One row: a single POI or a cluster, identified by its seed point. */
struct PointOverlayModel::Row
{
    quint64 key = 0;  ///< serial << 32 | point index of the seed
    const Layer *layer = nullptr;
    quint32 point = 0;
    double x = 0.0;
    double y = 0.0;
    double depth = 0.0;
    int count = 1;
    bool showLabel = true;
    QString label;
    QString category;
    QString photo;
};

PointOverlayModel::PointOverlayModel(QObject *parent) : QAbstractListModel(parent) {}

PointOverlayModel::~PointOverlayModel() = default;

int PointOverlayModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PointOverlayModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case XRole: return r.x;
    case YRole: return r.y;
    case Qt::DisplayRole:
    case LabelRole: return r.label;
    case CountRole: return r.count;
    case LayerIdRole: return r.layer->id;
    case FidRole: return r.layer->fids[r.point];
    case CategoryRole: return r.category;
    case PhotoRole: return r.photo;
    case DepthRole: return r.depth;
    case ShowLabelRole: return r.showLabel;
    default: return {};
    }
}

QHash<int, QByteArray> PointOverlayModel::roleNames() const
{
    return {
        {XRole, "x"},
        {YRole, "y"},
        {LabelRole, "label"},
        {CountRole, "count"},
        {LayerIdRole, "layerId"},
        {FidRole, "fid"},
        {CategoryRole, "category"},
        {PhotoRole, "photo"},
        {DepthRole, "depth"},
        {ShowLabelRole, "showLabel"},
    };
}

void PointOverlayModel::setLayer(const QString &layerId, std::shared_ptr<const gdal::VectorLayerData> data,
                                 const QString &labelAttribute, const QString &iconKey)
{
    auto layer = std::make_unique<Layer>();
    layer->id = layerId;
    layer->serial = m_nextSerial++;
    layer->data = data;
    layer->labelAttribute = labelAttribute.isEmpty() ? QStringLiteral("name") : labelAttribute;
    layer->iconKey = iconKey;
    if (data) {
        QString folder;
        if (!data->file.isEmpty()) {
            const QFileInfo fi(data->file);
            folder = fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath();
        }
        const QString enAttr = layer->labelAttribute + QStringLiteral("_en");
        const QString nameEn = QStringLiteral("name_en");
        const QString photo = QStringLiteral("photo");
        for (const gdal::VectorFeatureRecord &f : data->features) {
            if (f.kind != VectorFeature::Kind::Point)
                continue;
            if (!std::isfinite(f.anchor.x) || !std::isfinite(f.anchor.y) || !std::isfinite(f.anchor.z))
                continue;
            layer->anchors.push_back(f.anchor);
            layer->fids.push_back(f.fid);
            layer->labels.push_back(attributeText(f.attributes, layer->labelAttribute));
            QString en = attributeText(f.attributes, enAttr);
            if (en.isEmpty())
                en = attributeText(f.attributes, nameEn);
            layer->labelsEn.push_back(en);
            layer->categories.push_back(attributeText(f.attributes, iconKey));
            layer->photos.push_back(photoUrl(attributeText(f.attributes, photo), folder));
        }
    }
    // replacing keeps the layer's place (and visibility) in the order; the old one lives
    // until the rows that point at it are gone
    std::unique_ptr<Layer> old;
    const auto it = std::find_if(m_layers.begin(), m_layers.end(), [&](const auto &l) { return l->id == layerId; });
    if (it != m_layers.end()) {
        layer->visible = (*it)->visible;
        old = std::move(*it);
        *it = std::move(layer);
    } else {
        m_layers.push_back(std::move(layer));
    }
    m_dirty = true;
    if (m_haveView || !m_rows.empty())
        relayout();
}

void PointOverlayModel::removeLayer(const QString &layerId)
{
    const auto it = std::find_if(m_layers.begin(), m_layers.end(), [&](const auto &l) { return l->id == layerId; });
    if (it == m_layers.end())
        return;
    std::unique_ptr<Layer> old = std::move(*it);
    m_layers.erase(it);
    m_dirty = true;
    relayout();  // rows of the removed layer go before it is freed
}

void PointOverlayModel::setLayerVisible(const QString &layerId, bool visible)
{
    for (auto &l : m_layers) {
        if (l->id == layerId && l->visible != visible) {
            l->visible = visible;
            m_dirty = true;
            if (m_haveView)
                relayout();
        }
    }
}

bool PointOverlayModel::hasLayer(const QString &layerId) const
{
    return std::any_of(m_layers.begin(), m_layers.end(), [&](const auto &l) { return l->id == layerId; });
}

QStringList PointOverlayModel::layerIds() const
{
    QStringList ids;
    for (const auto &l : m_layers)
        ids << l->id;
    return ids;
}

void PointOverlayModel::setLabelLanguage(const QString &language)
{
    if (m_language == language)
        return;
    m_language = language;
    m_dirty = true;
    if (m_haveView)
        relayout();
    emit labelLanguageChanged();
}

void PointOverlayModel::setClusterPixels(int pixels)
{
    pixels = std::max(0, pixels);
    if (m_clusterPixels == pixels)
        return;
    m_clusterPixels = pixels;
    m_dirty = true;
    if (m_haveView)
        relayout();
    emit clusterPixelsChanged();
}

void PointOverlayModel::update(const ViewState &view)
{
    if (m_haveView && !m_dirty && sameView(view, m_view))
        return;
    m_view = view;
    m_haveView = true;
    relayout();
}

void PointOverlayModel::relayout()
{
    m_dirty = false;
    const ViewState &v = m_view;
    const int width = std::max(1, v.viewportWidth);
    const int height = std::max(1, v.viewportHeight);
    const bool english = m_language.startsWith(QLatin1String("en"), Qt::CaseInsensitive);

    struct Cluster
    {
        double x, y, depth;
        int count;
        const Layer *layer;
        quint32 point;
    };
    std::vector<Cluster> clusters;
    m_assigned.clear();

    if (m_haveView) {
        const Vec3d f = v.forward;
        const Vec3d r = v.right();
        const Vec3d u = v.up;
        const double tanY = std::tan(0.5 * v.fovYDegrees * kPi / 180.0);
        // wall: a sub-view shows the NDC rectangle [ndcLeft, ndcRight] × [ndcBottom, ndcTop] of the full view
        const double sxScale = 2.0 / std::max(v.ndcRight - v.ndcLeft, 1e-9);
        const double syScale = 2.0 / std::max(v.ndcTop - v.ndcBottom, 1e-9);
        const double tanX = tanY * (v.fullAspect > 0 ? v.fullAspect : double(width) / double(height)) / sxScale;
        const double halfW = 0.5 * width;
        const double halfH = 0.5 * height;
        const double offX = -(v.ndcLeft + v.ndcRight) * 0.5 * sxScale; // full-view NDC 0 in the sub-view's NDC
        const double offY = -(v.ndcBottom + v.ndcTop) * 0.5 * syScale;
        const double margin = 2.0 * clusterRadius();
        const double minX = -margin, maxX = width + margin;
        const double minY = -margin, maxY = height + margin;
        const double far = v.farPlane > 0.0 ? v.farPlane : 1e300;

        // screen grid of cluster seeds: cells of clusterPixels, neighbours within `reach` cells
        const int cp = m_clusterPixels;
        const double cp2 = double(cp) * cp;
        double cell = std::max(cp, 1);
        int gx = 0, gy = 0, reach = 1;
        if (cp > 0) {
            while (true) {
                gx = int(std::ceil((maxX - minX) / cell)) + 1;
                gy = int(std::ceil((maxY - minY) / cell)) + 1;
                if (qint64(gx) * gy <= (1 << 18))
                    break;
                cell *= 2.0;
            }
            reach = int(std::ceil(cp / cell));
            m_cellHead.assign(size_t(gx) * size_t(gy), -1);
            m_clusterNext.clear();
        }

        for (const auto &lp : m_layers) {
            const Layer &layer = *lp;
            if (!layer.visible)
                continue;
            const size_t n = layer.anchors.size();
            for (size_t i = 0; i < n; ++i) {
                const Vec3d d = layer.anchors[i] - v.eye;
                const double z = d.dot(f);
                if (z < kNearZ || z > far)
                    continue;
                const double sx = (d.dot(r) / (z * tanX) + offX + 1.0) * halfW - 0.5;
                if (sx < minX || sx > maxX)
                    continue;
                const double sy = (1.0 - d.dot(u) * syScale / (z * tanY) - offY) * halfH - 0.5;
                if (sy < minY || sy > maxY)
                    continue;
                const double dist = d.length();
                int found = -1;
                if (cp > 0) {
                    const int cx = int((sx - minX) / cell);
                    const int cy = int((sy - minY) / cell);
                    double best = cp2;
                    for (int yy = std::max(0, cy - reach); yy <= std::min(gy - 1, cy + reach); ++yy) {
                        for (int xx = std::max(0, cx - reach); xx <= std::min(gx - 1, cx + reach); ++xx) {
                            for (int c = m_cellHead[size_t(yy) * size_t(gx) + size_t(xx)]; c >= 0; c = m_clusterNext[size_t(c)]) {
                                const double ex = sx - clusters[size_t(c)].x;
                                const double ey = sy - clusters[size_t(c)].y;
                                const double e2 = ex * ex + ey * ey;
                                if (e2 < best) {
                                    best = e2;
                                    found = c;
                                }
                            }
                        }
                    }
                    if (found < 0) {
                        found = int(clusters.size());
                        const size_t slot = size_t(cy) * size_t(gx) + size_t(cx);
                        m_clusterNext.push_back(m_cellHead[slot]);
                        m_cellHead[slot] = found;
                        clusters.push_back({sx, sy, dist, 0, &layer, quint32(i)});
                    }
                } else {
                    found = int(clusters.size());
                    clusters.push_back({sx, sy, dist, 0, &layer, quint32(i)});
                }
                Cluster &c = clusters[size_t(found)];
                ++c.count;
                c.depth = std::min(c.depth, dist);
                m_assigned.push_back({layer.serial, quint32(i), found});
            }
        }
    }

    // reconcile with the rows: keep rows whose seed survives, drop the rest, append new ones
    QHash<quint64, int> byKey;
    byKey.reserve(qsizetype(clusters.size()));
    for (size_t c = 0; c < clusters.size(); ++c)
        byKey.insert((quint64(clusters[c].layer->serial) << 32) | clusters[c].point, int(c));

    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (byKey.contains(m_rows[size_t(r)].key))
            continue;
        const int last = r;
        while (r > 0 && !byKey.contains(m_rows[size_t(r - 1)].key))
            --r;
        beginRemoveRows(QModelIndex(), r, last);
        m_rows.erase(m_rows.begin() + r, m_rows.begin() + last + 1);
        endRemoveRows();
    }

    std::vector<int> rowOfCluster(clusters.size(), -1);
    auto labelOf = [english](const Layer *l, quint32 p) -> const QString & {
        return english && !l->labelsEn[p].isEmpty() ? l->labelsEn[p] : l->labels[p];
    };
    int runStart = -1;
    unsigned runMask = 0;
    auto flush = [&](int end) {
        if (runStart >= 0)
            emit dataChanged(index(runStart), index(end), rolesOf(runMask));
        runStart = -1;
        runMask = 0;
    };
    for (int r = 0; r < int(m_rows.size()); ++r) {
        Row &row = m_rows[size_t(r)];
        const int c = byKey.value(row.key);
        const Cluster &cl = clusters[size_t(c)];
        rowOfCluster[size_t(c)] = r;
        unsigned mask = 0;
        if (row.x != cl.x) { row.x = cl.x; mask |= ChangedX; }
        if (row.y != cl.y) { row.y = cl.y; mask |= ChangedY; }
        if (row.depth != cl.depth) { row.depth = cl.depth; mask |= ChangedDepth; }
        if (row.count != cl.count) { row.count = cl.count; mask |= ChangedCount; }
        const QString &label = labelOf(row.layer, row.point);
        if (row.label != label) { row.label = label; mask |= ChangedLabel; }
        if (mask) {
            if (runStart < 0)
                runStart = r;
            runMask |= mask;
        } else {
            flush(r - 1);
        }
    }
    flush(int(m_rows.size()) - 1);

    int added = 0;
    for (size_t c = 0; c < clusters.size(); ++c)
        added += rowOfCluster[c] < 0 ? 1 : 0;
    if (added > 0) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + added - 1);
        for (size_t c = 0; c < clusters.size(); ++c) {
            if (rowOfCluster[c] >= 0)
                continue;
            const Cluster &cl = clusters[c];
            Row row;
            row.key = (quint64(cl.layer->serial) << 32) | cl.point;
            row.layer = cl.layer;
            row.point = cl.point;
            row.x = cl.x;
            row.y = cl.y;
            row.depth = cl.depth;
            row.count = cl.count;
            row.label = labelOf(cl.layer, cl.point);
            row.category = cl.layer->categories[cl.point];
            row.photo = cl.layer->photos[cl.point];
            rowOfCluster[c] = int(m_rows.size());
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }

    for (Assignment &a : m_assigned)
        a.row = rowOfCluster[size_t(a.row)];

    // declutter labels: nearest first, a label that would overlap an accepted label or icon is hidden
    {
        std::vector<int> order(m_rows.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::stable_sort(order.begin(), order.end(),
                         [this](int a, int b) { return m_rows[size_t(a)].depth < m_rows[size_t(b)].depth; });
        std::vector<QRectF> taken;
        taken.reserve(order.size() * 2);
        const double r = iconRadius();
        for (const Row &row : m_rows) // every icon stays: labels avoid them
            taken.push_back(QRectF(row.x - r, row.y - r, 2 * r, 2 * r));
        std::vector<bool> show(m_rows.size(), false);
        for (int i : order) {
            const Row &row = m_rows[size_t(i)];
            if (row.count > 1 || row.label.isEmpty())
                continue;
            double w = 0;
            for (const QChar ch : row.label)
                w += ch.unicode() >= 0x2E80 ? 13.0 : 7.5; // CJK characters are about twice as wide
            const QRectF rect(row.x + r + 3, row.y - 9, std::min(w, 220.0), 18);
            bool clear = true;
            for (size_t k = 0; k < taken.size() && clear; ++k)
                if (k != size_t(i) && taken[k].intersects(rect))
                    clear = false;
            if (clear) {
                taken.push_back(rect);
                show[size_t(i)] = true;
            }
        }
        for (size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].showLabel == show[i])
                continue;
            m_rows[i].showLabel = show[i];
            emit dataChanged(index(int(i)), index(int(i)), {ShowLabelRole});
        }
    }

    const int visible = int(m_assigned.size());
    if (visible != m_visiblePoints) {
        m_visiblePoints = visible;
        emit visiblePointsChanged();
    }
}

QVariantMap PointOverlayModel::rowMap(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(row)];
    return {
        {QStringLiteral("row"), row},
        {QStringLiteral("x"), r.x},
        {QStringLiteral("y"), r.y},
        {QStringLiteral("label"), r.label},
        {QStringLiteral("count"), r.count},
        {QStringLiteral("layerId"), r.layer->id},
        {QStringLiteral("fid"), r.layer->fids[r.point]},
        {QStringLiteral("category"), r.category},
        {QStringLiteral("photo"), r.photo},
        {QStringLiteral("depth"), r.depth},
        {QStringLiteral("showLabel"), r.showLabel},
    };
}

QVariantMap PointOverlayModel::get(int row) const
{
    return rowMap(row);
}

QVariantMap PointOverlayModel::itemAt(double x, double y) const
{
    int best = -1;
    double bestD2 = 0.0;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const Row &r = m_rows[size_t(i)];
        const double radius = r.count > 1 ? clusterRadius() : iconRadius();
        const double d2 = (r.x - x) * (r.x - x) + (r.y - y) * (r.y - y);
        if (d2 > radius * radius)
            continue;
        // nearest centre; on a tie the one nearer the camera (drawn on top)
        if (best < 0 || d2 < bestD2 || (d2 == bestD2 && r.depth < m_rows[size_t(best)].depth)) {
            best = i;
            bestD2 = d2;
        }
    }
    return rowMap(best);
}

QVariantList PointOverlayModel::membersOf(int row) const
{
    QVariantList out;
    if (row < 0 || row >= int(m_rows.size()))
        return out;
    const Layer *layer = nullptr;
    for (const Assignment &a : m_assigned) {
        if (a.row != row)
            continue;
        if (!layer || layer->serial != a.serial) {
            layer = nullptr;
            for (const auto &l : m_layers) {
                if (l->serial == a.serial) {
                    layer = l.get();
                    break;
                }
            }
            if (!layer)
                continue;
        }
        const Vec3d &p = layer->anchors[a.point];
        out.append(QVariantMap{
            {QStringLiteral("layerId"), layer->id},
            {QStringLiteral("fid"), layer->fids[a.point]},
            {QStringLiteral("x"), p.x},
            {QStringLiteral("y"), p.y},
            {QStringLiteral("z"), p.z},
        });
    }
    return out;
}

} // namespace liyuan
