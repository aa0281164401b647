#pragma once
#include <liyuan/gdal/VectorLayerData.h>

#include <QAbstractTableModel>
#include <QCollator>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace liyuan {

/**
 * The attribute table of one vector layer: column 0 is the feature id, then one column per
 * field (fields the layer declares, then any other attribute the features carry), one row
 * per feature in the layer's order. DisplayRole is text; ValueRole the raw QVariant (what
 * FeatureTableProxy sorts by). Read-only. GUI thread.
 */
class FeatureTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(QString layerName READ layerName NOTIFY layerChanged)
    Q_PROPERTY(int featureCount READ featureCount NOTIFY layerChanged)
public:
    enum Role {
        ValueRole = Qt::UserRole + 1,  ///< raw attribute (fid for column 0); invalid when missing
        FidRole,                       ///< the row's feature id
        NumericRole,                   ///< true for numeric columns (for right alignment)
    };
    Q_ENUM(Role)

    explicit FeatureTableModel(QObject *parent = nullptr);
    ~FeatureTableModel() override;

    void setLayer(std::shared_ptr<const gdal::VectorLayerData> data);
    std::shared_ptr<const gdal::VectorLayerData> layer() const { return m_data; }
    QString layerName() const;
    int featureCount() const { return rowCount(); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** Column names: "fid", then the fields. */
    QStringList columnNames() const { return m_columns; }
    Q_INVOKABLE bool isNumericColumn(int column) const;
    /** A width hint in characters (CJK count double) from the header and the first rows, 4..40. */
    Q_INVOKABLE int columnCharWidth(int column) const;
    /** The feature id of a source row, -1 when out of range. */
    qint64 fidOfRow(int row) const;
    /** The source row of a feature id, -1 when absent. */
    int rowOfFid(qint64 fid) const;
    /** The text the search matches for a row: every column's display text, case-folded. */
    const QString &searchText(int row) const;

    /** The display text of a value (empty for null/missing). */
    static QString displayText(const QVariant &value);

signals:
    void layerChanged();

private:
    QVariant value(int row, int column) const;

    std::shared_ptr<const gdal::VectorLayerData> m_data;
    QStringList m_columns;          ///< [0] = "fid"
    QStringList m_columnTypes;      ///< OGR type names ("Integer", "Real", "String", …; "" unknown)
    std::vector<bool> m_numeric;
    QHash<qint64, int> m_rowOfFid;  ///< only when the layer's indexByFid does not match its features
    mutable std::vector<QString> m_searchText;  ///< built on the first search
};

/**
 * Sorting and searching over a FeatureTableModel, for the QML attribute table. Sorts by the
 * raw value (numbers numerically, text with the locale's collation, missing values first);
 * `search` keeps the rows whose text contains it in any column (case-insensitive).
 */
class FeatureTableProxy : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(Qt::SortOrder sortOrder READ sortOrder NOTIFY sortChanged)
public:
    explicit FeatureTableProxy(QObject *parent = nullptr);

    /** Same as setSourceModel. */
    void setTable(FeatureTableModel *table);
    FeatureTableModel *table() const;

    QString search() const { return m_search; }
    void setSearch(const QString &search);
    int count() const { return rowCount(); }
    int totalCount() const;

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /** Header click: sorts by column ascending, or flips the order when already sorted by it. */
    Q_INVOKABLE void toggleSort(int column);
    /** The feature id of a proxy row, -1 when out of range. */
    Q_INVOKABLE qint64 fidAt(int proxyRow) const;
    /** The proxy row showing a feature, -1 when it is absent or filtered out. */
    Q_INVOKABLE int proxyRowOfFid(qint64 fid) const;
    Q_INVOKABLE bool isNumericColumn(int column) const;
    Q_INVOKABLE int columnCharWidth(int column) const;

signals:
    void searchChanged();
    void countChanged();
    void sortChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void updateCount();

    int m_lastCount = 0;
    int m_lastTotal = 0;
    QString m_search;
    QString m_needle;  ///< trimmed, case-folded
    QCollator m_collator;
};

} // namespace liyuan
