#include "FeatureTableModel.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QSet>
#include <QTime>

#include <algorithm>
#include <cmath>

namespace liyuan {

namespace {

bool isNumericType(const QString &ogrType)
{
    return ogrType.startsWith(QLatin1String("Integer"), Qt::CaseInsensitive)
           || ogrType.startsWith(QLatin1String("Real"), Qt::CaseInsensitive);
}

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return true;
    default:
        return false;
    }
}

bool isIntegral(const QVariant &v)
{
    return isNumber(v) && v.typeId() != QMetaType::Double && v.typeId() != QMetaType::Float;
}

bool isMissing(const QVariant &v)
{
    return !v.isValid() || v.isNull();
}

/** Display width of text in "characters", wide (CJK, full-width) characters counting two. */
int charWidth(const QString &text)
{
    int w = 0;
    for (const QChar c : text)
        w += (c.unicode() >= 0x1100 && !c.isLowSurrogate()) ? 2 : (c.isLowSurrogate() ? 0 : 1);
    return w;
}

} // namespace

// ---------------------------------------------------------------------------------------

FeatureTableModel::FeatureTableModel(QObject *parent) : QAbstractTableModel(parent) {}

FeatureTableModel::~FeatureTableModel() = default;

void FeatureTableModel::setLayer(std::shared_ptr<const gdal::VectorLayerData> data)
{
    beginResetModel();
    m_data = std::move(data);
    m_columns = QStringList{QStringLiteral("fid")};
    m_columnTypes = QStringList{QStringLiteral("Integer64")};
    m_rowOfFid.clear();
    m_searchText.clear();
    if (m_data) {
        QSet<QString> known;
        for (const VectorField &f : m_data->fields) {
            if (f.name.isEmpty() || known.contains(f.name))
                continue;
            known.insert(f.name);
            m_columns << f.name;
            m_columnTypes << f.type;
        }
        // attributes no field declares (hand-built or heterogeneous layers), in name order
        QStringList extra;
        for (const gdal::VectorFeatureRecord &rec : m_data->features) {
            for (auto it = rec.attributes.constBegin(); it != rec.attributes.constEnd(); ++it) {
                if (!known.contains(it.key())) {
                    known.insert(it.key());
                    extra << it.key();
                }
            }
        }
        extra.sort();
        for (const QString &name : std::as_const(extra)) {
            // guess the type from the values
            bool numeric = true, any = false;
            for (const gdal::VectorFeatureRecord &rec : m_data->features) {
                const QVariant v = rec.attributes.value(name);
                if (isMissing(v))
                    continue;
                any = true;
                if (!isNumber(v)) {
                    numeric = false;
                    break;
                }
            }
            m_columns << name;
            m_columnTypes << ((numeric && any) ? QStringLiteral("Real") : QString());
        }
        // the layer's fid index, unless it does not describe these features
        bool indexOk = m_data->indexByFid.size() == qsizetype(m_data->features.size());
        for (size_t i = 0; indexOk && i < m_data->features.size(); i += std::max<size_t>(1, m_data->features.size() / 64))
            indexOk = m_data->indexByFid.value(m_data->features[i].fid, -1) == int(i);
        if (!indexOk) {
            m_rowOfFid.reserve(qsizetype(m_data->features.size()));
            for (size_t i = 0; i < m_data->features.size(); ++i) {
                if (!m_rowOfFid.contains(m_data->features[i].fid))
                    m_rowOfFid.insert(m_data->features[i].fid, int(i));
            }
        }
    }
    m_numeric.assign(size_t(m_columns.size()), false);
    for (int c = 0; c < m_columns.size(); ++c)
        m_numeric[size_t(c)] = isNumericType(m_columnTypes[c]);
    endResetModel();
    emit layerChanged();
}

QString FeatureTableModel::layerName() const
{
    return m_data ? m_data->layerName : QString();
}

int FeatureTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_data->features.size());
}

int FeatureTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_columns.size());
}

QVariant FeatureTableModel::value(int row, int column) const
{
    const gdal::VectorFeatureRecord &rec = m_data->features[size_t(row)];
    if (column == 0)
        return rec.fid;
    return rec.attributes.value(m_columns[column]);
}

QString FeatureTableModel::displayText(const QVariant &v)
{
    if (isMissing(v))
        return {};
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return {};
        return QString::number(d, 'g', 15);
    }
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::QDate:
        return v.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return v.toTime().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return v.toDateTime().toString(Qt::ISODate).replace(QLatin1Char('T'), QLatin1Char(' '));
    case QMetaType::QStringList:
        return v.toStringList().join(QStringLiteral(", "));
    case QMetaType::QVariantList: {
        QStringList parts;
        for (const QVariant &e : v.toList())
            parts << displayText(e);
        return parts.join(QStringLiteral(", "));
    }
    case QMetaType::QByteArray:
        return QStringLiteral("(%1 bytes)").arg(v.toByteArray().size());
    default:
        return v.toString();
    }
}

QVariant FeatureTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_data || !index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(value(index.row(), index.column()));
    case Qt::ToolTipRole: {
        const QString text = displayText(value(index.row(), index.column()));
        return text.size() > 20 ? QVariant(text) : QVariant();
    }
    case Qt::TextAlignmentRole:
        return int((m_numeric[size_t(index.column())] ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case ValueRole:
        return value(index.row(), index.column());
    case FidRole:
        return m_data->features[size_t(index.row())].fid;
    case NumericRole:
        return bool(m_numeric[size_t(index.column())]);
    default:
        return {};
    }
}

QVariant FeatureTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_columns.size())
            return {};
        if (role == Qt::DisplayRole)
            return m_columns[section];
        if (role == Qt::ToolTipRole)
            return m_columnTypes[section].isEmpty() ? m_columns[section]
                                                    : QStringLiteral("%1 (%2)").arg(m_columns[section], m_columnTypes[section]);
        return {};
    }
    if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
        return section + 1;
    return {};
}

QHash<int, QByteArray> FeatureTableModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"},
        {Qt::ToolTipRole, "toolTip"},
        {ValueRole, "value"},
        {FidRole, "featureId"},
        {NumericRole, "numeric"},
    };
}

bool FeatureTableModel::isNumericColumn(int column) const
{
    return column >= 0 && column < int(m_numeric.size()) && m_numeric[size_t(column)];
}

int FeatureTableModel::columnCharWidth(int column) const
{
    if (!m_data || column < 0 || column >= m_columns.size())
        return 8;
    int w = charWidth(m_columns[column]) + 2;  // room for the sort arrow
    const int rows = std::min(rowCount(), 200);
    for (int r = 0; r < rows; ++r)
        w = std::max(w, charWidth(displayText(value(r, column))));
    return std::clamp(w, 4, 40);
}

qint64 FeatureTableModel::fidOfRow(int row) const
{
    if (!m_data || row < 0 || row >= rowCount())
        return -1;
    return m_data->features[size_t(row)].fid;
}

int FeatureTableModel::rowOfFid(qint64 fid) const
{
    if (!m_data)
        return -1;
    if (!m_rowOfFid.isEmpty() || m_data->indexByFid.isEmpty())
        return m_rowOfFid.value(fid, -1);
    return m_data->indexByFid.value(fid, -1);
}

const QString &FeatureTableModel::searchText(int row) const
{
    static const QString empty;
    if (!m_data || row < 0 || row >= rowCount())
        return empty;
    if (m_searchText.size() != m_data->features.size()) {
        m_searchText.assign(m_data->features.size(), QString());
        for (int r = 0; r < rowCount(); ++r) {
            QString text;
            for (int c = 0; c < m_columns.size(); ++c) {
                if (c > 0)
                    text += QChar(0x1f);  // unit separator: a search never spans two cells
                text += displayText(value(r, c));
            }
            m_searchText[size_t(r)] = text.toCaseFolded();
        }
    }
    return m_searchText[size_t(row)];
}

// ---------------------------------------------------------------------------------------

FeatureTableProxy::FeatureTableProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FeatureTableModel::ValueRole);
    setDynamicSortFilter(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &FeatureTableProxy::updateCount);
    connect(this, &QAbstractItemModel::modelReset, this, &FeatureTableProxy::updateCount);
    connect(this, &QAbstractItemModel::layoutChanged, this, &FeatureTableProxy::updateCount);
}

void FeatureTableProxy::updateCount()
{
    const int rows = rowCount();
    const int total = totalCount();
    if (rows != m_lastCount || total != m_lastTotal) {
        m_lastCount = rows;
        m_lastTotal = total;
        emit countChanged();
    }
}

void FeatureTableProxy::setTable(FeatureTableModel *table)
{
    setSourceModel(table);
    updateCount();
}

FeatureTableModel *FeatureTableProxy::table() const
{
    return qobject_cast<FeatureTableModel *>(sourceModel());
}

int FeatureTableProxy::totalCount() const
{
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

void FeatureTableProxy::setSearch(const QString &search)
{
    if (m_search == search)
        return;
    m_search = search;
    const QString needle = search.trimmed().toCaseFolded();
    if (needle != m_needle) {
        m_needle = needle;
        invalidateRowsFilter();
        updateCount();  // no row signals when nothing had asked for rows yet
    }
    emit searchChanged();
}

void FeatureTableProxy::sort(int column, Qt::SortOrder order)
{
    const bool changed = column != sortColumn() || order != sortOrder();
    QSortFilterProxyModel::sort(column, order);
    if (changed)
        emit sortChanged();
}

void FeatureTableProxy::toggleSort(int column)
{
    if (column == sortColumn())
        sort(column, sortOrder() == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
    else
        sort(column, Qt::AscendingOrder);
}

qint64 FeatureTableProxy::fidAt(int proxyRow) const
{
    const FeatureTableModel *t = table();
    if (!t || proxyRow < 0 || proxyRow >= rowCount())
        return -1;
    return t->fidOfRow(mapToSource(index(proxyRow, 0)).row());
}

int FeatureTableProxy::proxyRowOfFid(qint64 fid) const
{
    const FeatureTableModel *t = table();
    if (!t)
        return -1;
    const int source = t->rowOfFid(fid);
    if (source < 0)
        return -1;
    return mapFromSource(t->index(source, 0)).row();
}

bool FeatureTableProxy::isNumericColumn(int column) const
{
    const FeatureTableModel *t = table();
    return t && t->isNumericColumn(column);
}

int FeatureTableProxy::columnCharWidth(int column) const
{
    const FeatureTableModel *t = table();
    return t ? t->columnCharWidth(column) : 8;
}

bool FeatureTableProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_needle.isEmpty())
        return true;
    if (const FeatureTableModel *t = table())
        return t->searchText(sourceRow).contains(m_needle);
    // any other source model: its display text, column by column
    const QAbstractItemModel *m = sourceModel();
    for (int c = 0; c < m->columnCount(sourceParent); ++c) {
        if (m->index(sourceRow, c, sourceParent).data().toString().contains(m_search.trimmed(), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool FeatureTableProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const bool am = isMissing(a) || (isNumber(a) && std::isnan(a.toDouble()));
    const bool bm = isMissing(b) || (isNumber(b) && std::isnan(b.toDouble()));
    if (am || bm)
        return am && !bm;  // missing values first
    const bool an = isNumber(a), bn = isNumber(b);
    if (an && bn) {
        if (isIntegral(a) && isIntegral(b) && a.typeId() != QMetaType::ULongLong && b.typeId() != QMetaType::ULongLong)
            return a.toLongLong() < b.toLongLong();  // exact beyond 2^53
        return a.toDouble() < b.toDouble();
    }
    if (an != bn)
        return an;  // numbers before text
    const int ta = a.typeId(), tb = b.typeId();
    if (ta == tb && (ta == QMetaType::QDateTime || ta == QMetaType::QDate || ta == QMetaType::QTime || ta == QMetaType::Bool))
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    return m_collator.compare(FeatureTableModel::displayText(a), FeatureTableModel::displayText(b)) < 0;
}

} // namespace liyuan
