#pragma once
#include <liyuan/geodata/VectorDataset.h>

#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace liyuan::gdal {

/**
 * How a vector layer is drawn: colours (one colour, categories of an attribute's values, or
 * numeric ranges of an attribute), outlines/lines, opacity, and extrusion of polygons into
 * blocks from a height (or floor count) attribute. Plain value type, any thread.
 *
 * Colours: polygons (fills, roofs, walls) use colorFor(). Line features use lineColor in
 * Single mode and colorFor() in the Categorized/Graduated modes (roads by class…); outlines
 * of flat polygons always use lineColor. Alpha = colour alpha × opacity.
 *
 * JSON (toJson/fromJson), every key optional:
 *   { "colorMode": "single" | "categorized" | "graduated",
 *     "color": "#d6d0c4",                 // single fill colour ("#rrggbb" or "#aarrggbb")
 *     "attribute": "landuse",             // attribute for categorized / graduated
 *     "categories": [ {"value": "park", "color": "#80c080", "label": "Parks"}, … ],
 *     "ranges": [ {"min": 0, "max": 10, "color": "#ffffcc", "label": "low"}, … ],
 *     "defaultColor": "#b4b4b4",          // value without a category / outside every range
 *     "lineColor": "#285aa0", "lineWidth": 2.0, "opacity": 1.0,
 *     "extrude": true, "heightAttributes": [...], "floorsAttributes": [...],
 *     "floorHeight": 3.0, "defaultHeight": 0.0, "baseOffset": 0.0, "maxHeight": 2000.0 }
 */
struct VectorStyle
{
    enum class ColorMode { Single, Categorized, Graduated };

    /** Features whose attribute equals value (compared as text: 3 == 3.0 == "3") get color. */
    struct Category
    {
        QVariant value;
        QColor color;
        QString label;
        bool operator==(const Category &o) const;
    };
    /** Features whose numeric attribute lies in [min, max) get color (the last range includes max). */
    struct Range
    {
        double min = 0.0;
        double max = 0.0;
        QColor color;
        QString label;
        bool operator==(const Range &o) const;
    };

    ColorMode colorMode = ColorMode::Single;
    QColor color = QColor(214, 208, 196);     ///< Single mode fill colour
    QString attribute;                        ///< Categorized / Graduated attribute
    QList<Category> categories;
    QList<Range> ranges;
    QColor defaultColor = QColor(180, 180, 180);
    QColor lineColor = QColor(40, 90, 160);   ///< outlines of flat polygons; lines in Single mode
    double lineWidth = 2.0;                   ///< metres (ribbons lie flat on the ground)
    double opacity = 1.0;                     ///< 0..1

    bool extrude = true;
    QStringList heightAttributes = defaultHeightAttributes();
    QStringList floorsAttributes = defaultFloorsAttributes();
    double floorHeight = 3.0;                 ///< metres per floor
    double defaultHeight = 0.0;               ///< without a height value; 0 = flat polygon draped on the ground
    double baseOffset = 0.0;                  ///< added to the ground height under a block
    double maxHeight = 2000.0;                ///< heights above are clamped (with a warning)

    static QStringList defaultHeightAttributes();  ///< height, HEIGHT, measuredHeight, Height, building:height
    static QStringList defaultFloorsAttributes();  ///< floors, building:levels, FLOORS
    static QString colorModeName(ColorMode mode);  ///< "single", "categorized", "graduated"

    /** The fill colour of a feature (alpha already multiplied by opacity). */
    QColor colorFor(const QVariantMap &attributes) const;
    /** Colour of a line feature (see the class comment), alpha × opacity. */
    QColor lineColorFor(const QVariantMap &attributes) const;
    /** The outline colour, alpha × opacity. */
    QColor outlineColor() const;

    /**
     * The height in metres from the first height attribute with a usable value (numbers,
     * or text starting with one: "12.5", "12 m", "40 ft"), else floors × floorHeight from
     * the first floors attribute; NaN when none (defaultHeight is NOT applied here).
     * Negative values are ignored. *usedAttribute names the attribute used (empty if none).
     */
    double heightFor(const QVariantMap &attributes, QString *usedAttribute = nullptr) const;

    /**
     * The first configured height (then floors) attribute the layer has, or empty.
     * Configured names that are not among the defaults and that the layer lacks give a
     * warning "FILE: attribute 'X' not found in FILE; available: a, b, c" (when warnings).
     */
    QString resolveHeightAttribute(const QList<VectorField> &fields, const QString &file = QString(),
                                   QStringList *warnings = nullptr) const;

    QJsonObject toJson() const;
    /** Reads what toJson writes; anything odd (unknown keys, bad colours, bad numbers) → a warning, default kept. */
    static VectorStyle fromJson(const QJsonObject &json, QStringList *warnings = nullptr);

    bool operator==(const VectorStyle &o) const;
    bool operator!=(const VectorStyle &o) const { return !(*this == o); }
};

} // namespace liyuan::gdal
