// Tests for liyuan::gdal::VectorStyle: colours (single / categorized / graduated), heights
// from attributes (height names, floors, text with units), attribute resolution with
// warnings, and the JSON round trip (including hostile JSON).
#include <liyuan/gdal/VectorStyle.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace liyuan;
using namespace liyuan::gdal;

Q_DECLARE_METATYPE(liyuan::gdal::VectorStyle)

namespace {

VectorStyle categorized()
{
    VectorStyle s;
    s.colorMode = VectorStyle::ColorMode::Categorized;
    s.attribute = QStringLiteral("kind");
    s.categories = {{QStringLiteral("house"), QColor(200, 0, 0), QStringLiteral("Houses")},
                    {qint64(3), QColor(0, 200, 0), QString()},
                    {true, QColor(0, 0, 200), QString()}};
    s.defaultColor = QColor(10, 20, 30);
    return s;
}

VectorStyle graduated()
{
    VectorStyle s;
    s.colorMode = VectorStyle::ColorMode::Graduated;
    s.attribute = QStringLiteral("HEIGHT");
    s.ranges = {{0, 6, QColor(255, 0, 0), QStringLiteral("low")},
                {6, 10, QColor(0, 255, 0), QString()},
                {10, 20, QColor(0, 0, 255), QStringLiteral("high")}};
    s.defaultColor = QColor(1, 2, 3);
    return s;
}

} // namespace

class TestVectorStyle : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        const VectorStyle s;
        QCOMPARE(s.colorMode, VectorStyle::ColorMode::Single);
        QCOMPARE(s.heightAttributes, (QStringList{"height", "HEIGHT", "measuredHeight", "Height", "building:height"}));
        QCOMPARE(s.floorsAttributes, (QStringList{"floors", "building:levels", "FLOORS"}));
        QCOMPARE(s.floorHeight, 3.0);
        QCOMPARE(s.defaultHeight, 0.0);
        QCOMPARE(s.baseOffset, 0.0);
        QVERIFY(s.extrude);
        QCOMPARE(s.opacity, 1.0);
    }

    void colorFor_data()
    {
        QTest::addColumn<VectorStyle>("style");
        QTest::addColumn<QVariantMap>("attributes");
        QTest::addColumn<QColor>("expected");

        VectorStyle single;
        single.color = QColor(12, 34, 56);
        QTest::newRow("single") << single << QVariantMap{{"kind", "house"}} << QColor(12, 34, 56);
        VectorStyle half = single;
        half.opacity = 0.5;
        QTest::newRow("single, opacity 0.5") << half << QVariantMap{} << QColor(12, 34, 56, 128);

        const VectorStyle cat = categorized();
        QTest::newRow("categorized text") << cat << QVariantMap{{"kind", "house"}} << QColor(200, 0, 0);
        QTest::newRow("categorized int") << cat << QVariantMap{{"kind", qint64(3)}} << QColor(0, 200, 0);
        QTest::newRow("categorized 3.0 = 3") << cat << QVariantMap{{"kind", 3.0}} << QColor(0, 200, 0);
        QTest::newRow("categorized '3' = 3") << cat << QVariantMap{{"kind", "3"}} << QColor(0, 200, 0);
        QTest::newRow("categorized bool") << cat << QVariantMap{{"kind", true}} << QColor(0, 0, 200);
        QTest::newRow("categorized other value") << cat << QVariantMap{{"kind", "shop"}} << QColor(10, 20, 30);
        QTest::newRow("categorized null") << cat << QVariantMap{{"kind", QVariant()}} << QColor(10, 20, 30);
        QTest::newRow("categorized missing attribute") << cat << QVariantMap{{"other", "house"}} << QColor(10, 20, 30);
        QTest::newRow("categorized case matters") << cat << QVariantMap{{"kind", "House"}} << QColor(10, 20, 30);

        const VectorStyle grad = graduated();
        QTest::newRow("graduated low") << grad << QVariantMap{{"HEIGHT", 5.9}} << QColor(255, 0, 0);
        QTest::newRow("graduated boundary goes up") << grad << QVariantMap{{"HEIGHT", 6.0}} << QColor(0, 255, 0);
        QTest::newRow("graduated last max inclusive") << grad << QVariantMap{{"HEIGHT", 20}} << QColor(0, 0, 255);
        QTest::newRow("graduated above") << grad << QVariantMap{{"HEIGHT", 20.5}} << QColor(1, 2, 3);
        QTest::newRow("graduated below") << grad << QVariantMap{{"HEIGHT", -1}} << QColor(1, 2, 3);
        QTest::newRow("graduated text number") << grad << QVariantMap{{"HEIGHT", "12.5"}} << QColor(0, 0, 255);
        QTest::newRow("graduated not a number") << grad << QVariantMap{{"HEIGHT", "tall"}} << QColor(1, 2, 3);
        QTest::newRow("graduated null") << grad << QVariantMap{{"HEIGHT", QVariant()}} << QColor(1, 2, 3);
    }

    void colorFor()
    {
        QFETCH(VectorStyle, style);
        QFETCH(QVariantMap, attributes);
        QFETCH(QColor, expected);
        QCOMPARE(style.colorFor(attributes).rgba(), expected.rgba());
    }

    void lineColors()
    {
        VectorStyle s;
        s.lineColor = QColor(1, 2, 3);
        s.opacity = 1.0;
        QCOMPARE(s.lineColorFor({{"kind", "house"}}), QColor(1, 2, 3));
        VectorStyle c = categorized();
        c.lineColor = QColor(1, 2, 3);
        QCOMPARE(c.lineColorFor({{"kind", "house"}}), QColor(200, 0, 0)); // categorized lines: by value
        QCOMPARE(c.outlineColor(), QColor(1, 2, 3));
    }

    void heightFor_data()
    {
        QTest::addColumn<QVariantMap>("attributes");
        QTest::addColumn<double>("expected"); // NaN: none
        QTest::addColumn<QString>("used");

        QTest::newRow("height") << QVariantMap{{"height", 12.5}} << 12.5 << "height";
        QTest::newRow("HEIGHT") << QVariantMap{{"HEIGHT", 17.53}} << 17.53 << "HEIGHT";
        QTest::newRow("integer") << QVariantMap{{"Height", qint64(9)}} << 9.0 << "Height";
        QTest::newRow("first configured wins") << QVariantMap{{"HEIGHT", 5.0}, {"height", 7.0}} << 7.0 << "height";
        QTest::newRow("null falls through") << QVariantMap{{"height", QVariant()}, {"HEIGHT", 4.0}} << 4.0 << "HEIGHT";
        QTest::newRow("text with m") << QVariantMap{{"building:height", "12 m"}} << 12.0 << "building:height";
        QTest::newRow("text decimal comma") << QVariantMap{{"height", "7,5"}} << 7.5 << "height";
        QTest::newRow("text feet") << QVariantMap{{"height", "40 ft"}} << 40 * 0.3048 << "height";
        QTest::newRow("measuredHeight") << QVariantMap{{"measuredHeight", 33.0}} << 33.0 << "measuredHeight";
        QTest::newRow("floors") << QVariantMap{{"floors", qint64(4)}} << 12.0 << "floors";
        QTest::newRow("building:levels text") << QVariantMap{{"building:levels", "5"}} << 15.0 << "building:levels";
        QTest::newRow("height beats floors") << QVariantMap{{"FLOORS", 10}, {"HEIGHT", 8.0}} << 8.0 << "HEIGHT";
        QTest::newRow("negative ignored") << QVariantMap{{"height", -3.0}} << double(NAN) << "";
        QTest::newRow("not a number") << QVariantMap{{"height", "unknown"}} << double(NAN) << "";
        QTest::newRow("nothing") << QVariantMap{{"name", "x"}} << double(NAN) << "";
        QTest::newRow("zero is a value") << QVariantMap{{"height", 0.0}} << 0.0 << "height";
    }

    void heightFor()
    {
        QFETCH(QVariantMap, attributes);
        QFETCH(double, expected);
        QFETCH(QString, used);
        const VectorStyle s;
        QString u = QStringLiteral("junk");
        const double h = s.heightFor(attributes, &u);
        if (std::isnan(expected))
            QVERIFY2(std::isnan(h), qPrintable(QString::number(h)));
        else
            QCOMPARE(h, expected);
        QCOMPARE(u, used);
    }

    void resolveHeightAttribute_data()
    {
        QTest::addColumn<QStringList>("heightAttributes");
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("warning"); // empty: none

        const QStringList defaults = VectorStyle::defaultHeightAttributes();
        QTest::newRow("HEIGHT") << defaults << QStringList{"HEIGHT", "SQMETERS"} << "HEIGHT" << "";
        QTest::newRow("floors only") << defaults << QStringList{"name", "building:levels"} << "building:levels" << "";
        QTest::newRow("none, defaults: quiet") << defaults << QStringList{"name"} << "" << "";
        QTest::newRow("custom missing")
            << QStringList{"hgt"} << QStringList{"HEIGHT", "SQMETERS"} << ""
            << "f.geojson: attribute 'hgt' not found in f.geojson; available: HEIGHT, SQMETERS";
        QTest::newRow("custom found") << QStringList{"roof_h"} << QStringList{"roof_h"} << "roof_h" << "";
        QTest::newRow("custom missing, no fields")
            << QStringList{"hgt"} << QStringList{} << ""
            << "f.geojson: attribute 'hgt' not found in f.geojson; available: (no attributes)";
    }

    void resolveHeightAttribute()
    {
        QFETCH(QStringList, heightAttributes);
        QFETCH(QStringList, fields);
        QFETCH(QString, expected);
        QFETCH(QString, warning);
        VectorStyle s;
        s.heightAttributes = heightAttributes;
        QList<VectorField> list;
        for (const QString &f : fields)
            list << VectorField{f, QStringLiteral("Real")};
        QStringList warnings;
        QCOMPARE(s.resolveHeightAttribute(list, QStringLiteral("f.geojson"), &warnings), expected);
        if (warning.isEmpty())
            QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        else
            QCOMPARE(warnings, QStringList{warning});
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<VectorStyle>("style");
        QTest::newRow("default") << VectorStyle();
        VectorStyle s;
        s.color = QColor(1, 2, 3, 100);
        s.lineColor = QColor(250, 128, 0);
        s.lineWidth = 3.5;
        s.opacity = 0.75;
        s.extrude = false;
        s.heightAttributes = {QStringLiteral("hgt")};
        s.floorsAttributes = {};
        s.floorHeight = 2.8;
        s.defaultHeight = 6;
        s.baseOffset = -1.5;
        s.maxHeight = 500;
        QTest::newRow("single, everything set") << s;
        QTest::newRow("categorized") << categorized();
        QTest::newRow("graduated") << graduated();
    }

    void jsonRoundTrip()
    {
        QFETCH(VectorStyle, style);
        const QJsonObject json = style.toJson();
        QStringList warnings;
        const VectorStyle back = VectorStyle::fromJson(json, &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        QVERIFY(back == style);
        // through text as well
        const QByteArray text = QJsonDocument(json).toJson();
        const VectorStyle again = VectorStyle::fromJson(QJsonDocument::fromJson(text).object(), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        QVERIFY(again == style);
        QCOMPARE(QJsonDocument(again.toJson()).toJson(), text);
    }

    void jsonKeys()
    {
        const QJsonObject o = graduated().toJson();
        QCOMPARE(o.value("colorMode").toString(), QStringLiteral("graduated"));
        QCOMPARE(o.value("attribute").toString(), QStringLiteral("HEIGHT"));
        QCOMPARE(o.value("ranges").toArray().size(), 3);
        QCOMPARE(o.value("ranges").toArray().at(0).toObject().value("color").toString(), QStringLiteral("#ff0000"));
        VectorStyle t;
        t.color = QColor(1, 2, 3, 100);
        QCOMPARE(t.toJson().value("color").toString(), QStringLiteral("#64010203"));
    }

    void jsonHostile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("warning");

        QTest::newRow("unknown key") << QByteArray(R"({"colour":"red"})") << "unknown key 'colour'";
        QTest::newRow("bad colour") << QByteArray(R"({"color":"not a colour"})") << "'color' is not a colour";
        QTest::newRow("colour number") << QByteArray(R"({"color":12})") << "'color' is not a colour";
        QTest::newRow("opacity > 1") << QByteArray(R"({"opacity":2})") << "'opacity' = 2 is outside 0..1; using 1";
        QTest::newRow("unknown mode") << QByteArray(R"({"colorMode":"rainbow"})") << "unknown colorMode \"rainbow\"";
        QTest::newRow("width text") << QByteArray(R"({"lineWidth":"wide"})") << "'lineWidth' is not a number";
        QTest::newRow("extrude text") << QByteArray(R"({"extrude":"yes"})") << "'extrude' is not true/false";
        QTest::newRow("negative floor height") << QByteArray(R"({"floorHeight":-3})") << "'floorHeight' = -3 is outside";
        QTest::newRow("categorized without attribute")
            << QByteArray(R"({"colorMode":"categorized","categories":[{"value":1,"color":"white"}]})")
            << "without an 'attribute'";
        QTest::newRow("category without colour")
            << QByteArray(R"({"colorMode":"categorized","attribute":"a","categories":[{"value":1}]})")
            << "categories[0]: no 'color'";
        QTest::newRow("range min > max")
            << QByteArray(R"({"colorMode":"graduated","attribute":"a","ranges":[{"min":10,"max":0,"color":"white"}]})")
            << "ranges[0]: min 10 > max 0; swapped";
        QTest::newRow("range without min")
            << QByteArray(R"({"colorMode":"graduated","attribute":"a","ranges":[{"max":3,"color":"white"}]})")
            << "ranges[0]: needs numeric 'min'";
        QTest::newRow("categories not a list")
            << QByteArray(R"({"colorMode":"categorized","attribute":"a","categories":5})") << "'categories' is not a list";
        QTest::newRow("heightAttributes numbers") << QByteArray(R"({"heightAttributes":[1,"h"]})")
                                                  << "'heightAttributes' holds 1, not an attribute name";
    }

    void jsonHostile()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, warning);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QStringList warnings;
        const VectorStyle s = VectorStyle::fromJson(doc.object(), &warnings);
        bool found = false;
        for (const QString &w : warnings)
            found = found || w.contains(warning);
        QVERIFY2(found, qPrintable(warnings.join('\n')));
        // the rest stays usable
        QVERIFY(s.color.isValid());
        QVERIFY(s.opacity >= 0 && s.opacity <= 1);
        QVERIFY(s.floorHeight > 0);
    }

    void jsonHostileValues()
    {
        QStringList warnings;
        VectorStyle s = VectorStyle::fromJson(QJsonDocument::fromJson(R"({"opacity":2,"heightAttributes":"hgt",)"
            R"("colorMode":"graduated","attribute":"a","ranges":[{"min":10,"max":0,"color":[1,2,3]}]})").object(), &warnings);
        QCOMPARE(s.opacity, 1.0);
        QCOMPARE(s.heightAttributes, QStringList{"hgt"});
        QCOMPARE(s.ranges.size(), 1);
        QCOMPARE(s.ranges[0].min, 0.0);
        QCOMPARE(s.ranges[0].max, 10.0);
        QCOMPARE(s.ranges[0].color, QColor(1, 2, 3));
    }
};

QTEST_APPLESS_MAIN(TestVectorStyle)
#include "tst_vectorstyle.moc"
