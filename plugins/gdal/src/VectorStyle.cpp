#include <liyuan/gdal/VectorStyle.h>

#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <limits>

namespace liyuan::gdal {
namespace {

/** A number from an attribute value: numbers, or text starting with one ("12.5", "12 m", "40 ft"). */
bool numberOf(const QVariant &v, double *out)
{
    if (!v.isValid() || v.isNull())
        return false;
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort: {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return false;
        *out = d;
        return true;
    }
    case QMetaType::QString:
    case QMetaType::QByteArray: {
        static const QRegularExpression re(
            QStringLiteral(R"(^\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Z'"]*))"));
        const QRegularExpressionMatch m = re.match(v.toString());
        if (!m.hasMatch())
            return false;
        QString num = m.captured(1);
        num.replace(QLatin1Char(','), QLatin1Char('.'));
        bool ok = false;
        double d = num.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return false;
        const QString unit = m.captured(2).toLower();
        if (unit == QLatin1String("ft") || unit == QLatin1String("feet") || unit == QLatin1String("foot")
            || unit == QLatin1String("'"))
            d *= 0.3048;
        *out = d;
        return true;
    }
    default:
        return false;
    }
}

/** A categorisation key: values compare as text, so 3, 3.0 and "3" are the same category. */
QString keyOf(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QString();
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    default:
        return v.toString();
    }
}

QColor withOpacity(QColor c, double opacity)
{
    c.setAlphaF(float(std::clamp(c.alphaF() * opacity, 0.0, 1.0)));
    return c;
}

QString colorText(const QColor &c)
{
    return c.alpha() == 255 ? c.name(QColor::HexRgb) : c.name(QColor::HexArgb);
}

QJsonValue variantToJson(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (v.typeId()) {
    case QMetaType::Bool:
        return QJsonValue(v.toBool());
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QJsonValue(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return QJsonValue(v.toDouble());
    default:
        return QJsonValue(v.toString());
    }
}

class JsonReader
{
public:
    JsonReader(const QJsonObject &o, QStringList *warnings, const QString &where)
        : m_o(o), m_warnings(warnings), m_where(where)
    {
    }

    void warn(const QString &w)
    {
        if (m_warnings)
            *m_warnings << QStringLiteral("style: %1%2").arg(m_where, w);
    }

    bool has(const char *key) { m_seen.insert(QLatin1String(key)); return m_o.contains(QLatin1String(key)); }
    QJsonValue value(const char *key) const { return m_o.value(QLatin1String(key)); }

    void color(const char *key, QColor *out)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        QColor c;
        if (v.isString()) {
            c = QColor::fromString(v.toString().trimmed());
        } else if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (a.size() == 3 || a.size() == 4) {
                bool ok = true;
                int rgba[4] = {0, 0, 0, 255};
                for (int i = 0; i < a.size(); ++i) {
                    ok = ok && a[i].isDouble() && a[i].toDouble() >= 0 && a[i].toDouble() <= 255;
                    rgba[i] = int(std::lround(a[i].toDouble()));
                }
                if (ok)
                    c = QColor(rgba[0], rgba[1], rgba[2], rgba[3]);
            }
        }
        if (!c.isValid()) {
            if (out->isValid())
                warn(QStringLiteral("'%1' is not a colour (%2); keeping %3")
                         .arg(QLatin1String(key), shown(v), colorText(*out)));
            else
                warn(QStringLiteral("'%1' is not a colour (%2)").arg(QLatin1String(key), shown(v)));
            return;
        }
        *out = c;
    }

    void number(const char *key, double *out, double lo, double hi, bool clampIt = false)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            warn(QStringLiteral("'%1' is not a number (%2); keeping %3").arg(QLatin1String(key), shown(v)).arg(*out));
            return;
        }
        const double d = v.toDouble();
        if (d < lo || d > hi) {
            if (clampIt) {
                *out = std::clamp(d, lo, hi);
                warn(QStringLiteral("'%1' = %2 is outside %3..%4; using %5")
                         .arg(QLatin1String(key)).arg(d).arg(lo).arg(hi).arg(*out));
            } else {
                warn(QStringLiteral("'%1' = %2 is outside %3..%4; keeping %5")
                         .arg(QLatin1String(key)).arg(d).arg(lo).arg(hi).arg(*out));
            }
            return;
        }
        *out = d;
    }

    void boolean(const char *key, bool *out)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        if (!v.isBool()) {
            warn(QStringLiteral("'%1' is not true/false (%2); keeping %3")
                     .arg(QLatin1String(key), shown(v), *out ? QStringLiteral("true") : QStringLiteral("false")));
            return;
        }
        *out = v.toBool();
    }

    void string(const char *key, QString *out)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        if (!v.isString()) {
            warn(QStringLiteral("'%1' is not text (%2)").arg(QLatin1String(key), shown(v)));
            return;
        }
        *out = v.toString();
    }

    void stringList(const char *key, QStringList *out)
    {
        if (!has(key))
            return;
        const QJsonValue v = value(key);
        QStringList list;
        if (v.isString()) {
            list << v.toString();
        } else if (v.isArray()) {
            for (const QJsonValue &e : v.toArray()) {
                if (e.isString() && !e.toString().trimmed().isEmpty())
                    list << e.toString().trimmed();
                else
                    warn(QStringLiteral("'%1' holds %2, not an attribute name; ignored").arg(QLatin1String(key), shown(e)));
            }
        } else {
            warn(QStringLiteral("'%1' is not a list of attribute names (%2)").arg(QLatin1String(key), shown(v)));
            return;
        }
        *out = list;
    }

    void unknownKeys()
    {
        for (auto it = m_o.begin(); it != m_o.end(); ++it)
            if (!m_seen.contains(it.key()))
                warn(QStringLiteral("unknown key '%1' ignored").arg(it.key()));
    }

    static QString shown(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null: return QStringLiteral("null");
        case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Double: return QString::number(v.toDouble());
        case QJsonValue::String: return QLatin1Char('"') + v.toString().left(40) + QLatin1Char('"');
        case QJsonValue::Array: return QStringLiteral("a list");
        case QJsonValue::Object: return QStringLiteral("an object");
        default: return QStringLiteral("nothing");
        }
    }

private:
    const QJsonObject &m_o;
    QStringList *m_warnings;
    QString m_where;
    QSet<QString> m_seen;
};

} // namespace

bool VectorStyle::Category::operator==(const Category &o) const
{
    return keyOf(value) == keyOf(o.value) && color == o.color && label == o.label;
}

bool VectorStyle::Range::operator==(const Range &o) const
{
    return min == o.min && max == o.max && color == o.color && label == o.label;
}

QStringList VectorStyle::defaultHeightAttributes()
{
    return {QStringLiteral("height"), QStringLiteral("HEIGHT"), QStringLiteral("measuredHeight"),
            QStringLiteral("Height"), QStringLiteral("building:height")};
}

QStringList VectorStyle::defaultFloorsAttributes()
{
    return {QStringLiteral("floors"), QStringLiteral("building:levels"), QStringLiteral("FLOORS")};
}

QString VectorStyle::colorModeName(ColorMode mode)
{
    switch (mode) {
    case ColorMode::Categorized: return QStringLiteral("categorized");
    case ColorMode::Graduated: return QStringLiteral("graduated");
    case ColorMode::Single: break;
    }
    return QStringLiteral("single");
}

QColor VectorStyle::colorFor(const QVariantMap &attributes) const
{
    QColor c = color;
    switch (colorMode) {
    case ColorMode::Single:
        break;
    case ColorMode::Categorized: {
        c = defaultColor;
        const QVariant v = attributes.value(attribute);
        if (!v.isValid() || v.isNull())
            break;
        const QString key = keyOf(v);
        for (const Category &cat : categories)
            if (keyOf(cat.value) == key) {
                c = cat.color;
                break;
            }
        break;
    }
    case ColorMode::Graduated: {
        c = defaultColor;
        double d = 0;
        if (!numberOf(attributes.value(attribute), &d))
            break;
        for (int i = 0; i < ranges.size(); ++i) {
            const Range &r = ranges[i];
            const bool last = i + 1 == ranges.size();
            if (d >= r.min && (d < r.max || (last && d == r.max))) {
                c = r.color;
                break;
            }
        }
        break;
    }
    }
    return withOpacity(c, opacity);
}

QColor VectorStyle::lineColorFor(const QVariantMap &attributes) const
{
    return colorMode == ColorMode::Single ? outlineColor() : colorFor(attributes);
}

QColor VectorStyle::outlineColor() const
{
    return withOpacity(lineColor, opacity);
}

double VectorStyle::heightFor(const QVariantMap &attributes, QString *usedAttribute) const
{
    if (usedAttribute)
        usedAttribute->clear();
    for (const QString &name : heightAttributes) {
        double d = 0;
        if (numberOf(attributes.value(name), &d) && d >= 0) {
            if (usedAttribute)
                *usedAttribute = name;
            return d;
        }
    }
    for (const QString &name : floorsAttributes) {
        double d = 0;
        if (numberOf(attributes.value(name), &d) && d >= 0) {
            if (usedAttribute)
                *usedAttribute = name;
            return d * floorHeight;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QString VectorStyle::resolveHeightAttribute(const QList<VectorField> &fields, const QString &file,
                                            QStringList *warnings) const
{
    QStringList available;
    for (const VectorField &f : fields)
        available << f.name;
    QString found;
    for (const QString &name : heightAttributes + floorsAttributes)
        if (available.contains(name)) {
            found = name;
            break;
        }
    if (warnings) {
        const QStringList defaults = defaultHeightAttributes() + defaultFloorsAttributes();
        for (const QString &name : heightAttributes + floorsAttributes) {
            if (available.contains(name) || defaults.contains(name))
                continue;
            const QString prefix = file.isEmpty() ? QString() : file + QStringLiteral(": ");
            *warnings << QStringLiteral("%1attribute '%2' not found in %3; available: %4")
                             .arg(prefix, name, file.isEmpty() ? QStringLiteral("the layer") : file,
                                  available.isEmpty() ? QStringLiteral("(no attributes)")
                                                      : available.join(QStringLiteral(", ")));
        }
    }
    return found;
}

QJsonObject VectorStyle::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("colorMode"), colorModeName(colorMode));
    o.insert(QStringLiteral("color"), colorText(color));
    if (!attribute.isEmpty())
        o.insert(QStringLiteral("attribute"), attribute);
    if (!categories.isEmpty()) {
        QJsonArray a;
        for (const Category &c : categories) {
            QJsonObject e;
            e.insert(QStringLiteral("value"), variantToJson(c.value));
            e.insert(QStringLiteral("color"), colorText(c.color));
            if (!c.label.isEmpty())
                e.insert(QStringLiteral("label"), c.label);
            a.append(e);
        }
        o.insert(QStringLiteral("categories"), a);
    }
    if (!ranges.isEmpty()) {
        QJsonArray a;
        for (const Range &r : ranges) {
            QJsonObject e;
            e.insert(QStringLiteral("min"), r.min);
            e.insert(QStringLiteral("max"), r.max);
            e.insert(QStringLiteral("color"), colorText(r.color));
            if (!r.label.isEmpty())
                e.insert(QStringLiteral("label"), r.label);
            a.append(e);
        }
        o.insert(QStringLiteral("ranges"), a);
    }
    o.insert(QStringLiteral("defaultColor"), colorText(defaultColor));
    o.insert(QStringLiteral("lineColor"), colorText(lineColor));
    o.insert(QStringLiteral("lineWidth"), lineWidth);
    o.insert(QStringLiteral("opacity"), opacity);
    o.insert(QStringLiteral("extrude"), extrude);
    o.insert(QStringLiteral("heightAttributes"), QJsonArray::fromStringList(heightAttributes));
    o.insert(QStringLiteral("floorsAttributes"), QJsonArray::fromStringList(floorsAttributes));
    o.insert(QStringLiteral("floorHeight"), floorHeight);
    o.insert(QStringLiteral("defaultHeight"), defaultHeight);
    o.insert(QStringLiteral("baseOffset"), baseOffset);
    o.insert(QStringLiteral("maxHeight"), maxHeight);
    return o;
}

VectorStyle VectorStyle::fromJson(const QJsonObject &json, QStringList *warnings)
{
    VectorStyle s;
    JsonReader r(json, warnings, QString());
    if (r.has("colorMode")) {
        const QString m = r.value("colorMode").toString().trimmed().toLower();
        if (m == QLatin1String("single"))
            s.colorMode = ColorMode::Single;
        else if (m == QLatin1String("categorized") || m == QLatin1String("categorised"))
            s.colorMode = ColorMode::Categorized;
        else if (m == QLatin1String("graduated"))
            s.colorMode = ColorMode::Graduated;
        else
            r.warn(QStringLiteral("unknown colorMode %1 (single, categorized, graduated); using single")
                       .arg(JsonReader::shown(r.value("colorMode"))));
    }
    r.color("color", &s.color);
    r.string("attribute", &s.attribute);
    if (r.has("categories")) {
        const QJsonValue v = r.value("categories");
        if (!v.isArray())
            r.warn(QStringLiteral("'categories' is not a list (%1)").arg(JsonReader::shown(v)));
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            if (!a[i].isObject()) {
                r.warn(QStringLiteral("categories[%1] is not an object; ignored").arg(i));
                continue;
            }
            const QJsonObject e = a[i].toObject();
            JsonReader er(e, warnings, QStringLiteral("categories[%1]: ").arg(i));
            Category c;
            if (er.has("value"))
                c.value = er.value("value").toVariant();
            else
                er.warn(QStringLiteral("no 'value' (features with a null value match it)"));
            if (!er.has("color")) {
                er.warn(QStringLiteral("no 'color'; ignored"));
                continue;
            }
            QColor col;
            er.color("color", &col);
            if (!col.isValid())
                continue;
            c.color = col;
            er.string("label", &c.label);
            er.unknownKeys();
            s.categories << c;
        }
    }
    if (r.has("ranges")) {
        const QJsonValue v = r.value("ranges");
        if (!v.isArray())
            r.warn(QStringLiteral("'ranges' is not a list (%1)").arg(JsonReader::shown(v)));
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            if (!a[i].isObject()) {
                r.warn(QStringLiteral("ranges[%1] is not an object; ignored").arg(i));
                continue;
            }
            const QJsonObject e = a[i].toObject();
            JsonReader er(e, warnings, QStringLiteral("ranges[%1]: ").arg(i));
            Range g;
            g.min = NAN;
            g.max = NAN;
            const double inf = std::numeric_limits<double>::max();
            er.number("min", &g.min, -inf, inf);
            er.number("max", &g.max, -inf, inf);
            QColor col;
            er.color("color", &col);
            er.string("label", &g.label);
            er.unknownKeys();
            if (std::isnan(g.min) || std::isnan(g.max) || !col.isValid()) {
                er.warn(QStringLiteral("needs numeric 'min', 'max' and a 'color'; ignored"));
                continue;
            }
            if (g.max < g.min) {
                er.warn(QStringLiteral("min %1 > max %2; swapped").arg(g.min).arg(g.max));
                std::swap(g.min, g.max);
            }
            g.color = col;
            s.ranges << g;
        }
    }
    r.color("defaultColor", &s.defaultColor);
    r.color("lineColor", &s.lineColor);
    r.number("lineWidth", &s.lineWidth, 0.0, 1000.0, true);
    r.number("opacity", &s.opacity, 0.0, 1.0, true);
    r.boolean("extrude", &s.extrude);
    r.stringList("heightAttributes", &s.heightAttributes);
    r.stringList("floorsAttributes", &s.floorsAttributes);
    r.number("floorHeight", &s.floorHeight, 0.01, 100.0);
    r.number("defaultHeight", &s.defaultHeight, 0.0, 10000.0);
    r.number("baseOffset", &s.baseOffset, -10000.0, 10000.0);
    r.number("maxHeight", &s.maxHeight, 0.01, 100000.0);
    r.unknownKeys();

    if (s.colorMode != ColorMode::Single && s.attribute.isEmpty())
        r.warn(QStringLiteral("colorMode %1 without an 'attribute': every feature gets the default colour")
                   .arg(colorModeName(s.colorMode)));
    if (s.colorMode == ColorMode::Categorized && s.categories.isEmpty())
        r.warn(QStringLiteral("colorMode categorized without 'categories': every feature gets the default colour"));
    if (s.colorMode == ColorMode::Graduated && s.ranges.isEmpty())
        r.warn(QStringLiteral("colorMode graduated without 'ranges': every feature gets the default colour"));
    return s;
}

bool VectorStyle::operator==(const VectorStyle &o) const
{
    return colorMode == o.colorMode && color == o.color && attribute == o.attribute && categories == o.categories
           && ranges == o.ranges && defaultColor == o.defaultColor && lineColor == o.lineColor
           && lineWidth == o.lineWidth && opacity == o.opacity && extrude == o.extrude
           && heightAttributes == o.heightAttributes && floorsAttributes == o.floorsAttributes
           && floorHeight == o.floorHeight && defaultHeight == o.defaultHeight && baseOffset == o.baseOffset
           && maxHeight == o.maxHeight;
}

} // namespace liyuan::gdal
