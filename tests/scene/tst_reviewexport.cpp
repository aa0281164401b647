// ReviewExport: CSV parseable with a strict RFC 4180 reader (quotes, commas, Chinese text),
// GeoJSON coordinates checked against PROJ (CoordinateTransform and the cs2cs value noted in
// the demo recipe), round trips back to the projected CRS, GDAL reads both GeoJSON variants
// with the right CRS, atomic writes and errors naming the file.
#include <liyuan/geodata/CoordinateTransform.h>
#include <liyuan/geodata/VectorDataset.h>
#include <liyuan/scene/ReviewExport.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace liyuan;

namespace {

const Vec3d kOrigin(528630.0, 3992050.0, 0.0);

LocalFrame frame4549()
{
    return LocalFrame(Crs::fromString(QStringLiteral("EPSG:4549")), kOrigin);
}

/** Strict RFC 4180 reader: false on a stray quote or an unterminated quoted field. */
bool parseCsv(const QByteArray &bytes, QList<QStringList> *rows)
{
    const QString text = QString::fromUtf8(bytes);
    QStringList row;
    QString field;
    bool quoted = false, wasQuoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || wasQuoted)
                return false;
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            wasQuoted = false;
        } else if (c == QLatin1Char('\r')) {
            if (i + 1 >= text.size() || text[i + 1] != QLatin1Char('\n'))
                return false;
        } else if (c == QLatin1Char('\n')) {
            row << field;
            *rows << row;
            row.clear();
            field.clear();
            wasQuoted = false;
        } else {
            if (wasQuoted)
                return false;
            field += c;
        }
    }
    return !quoted && field.isEmpty() && row.isEmpty();
}

ReviewExport sampleExport()
{
    ReviewExport e(frame4549());
    e.setMeasurements({Measurement::distance(Vec3d(0, 0, 0), Vec3d(30, 40, 12), QStringLiteral("tower, \"east\" 距离")),
                       Measurement::area({{0, 0, 1}, {10, 0, 1}, {10, 20, 1}, {0, 20, 1}}, QStringLiteral("plaza")),
                       Measurement::polyline({{0, 0, 0}}, QStringLiteral("broken"))});
    const PickFunction wall = [](const Vec3d &o, const Vec3d &d, Vec3d *h) {
        if (d.x <= 0)
            return false;
        const double t = (50 - o.x) / d.x;
        *h = o + d * t;
        return t > 0;
    };
    e.setSightlines({Sightline::compute(Vec3d(0, 0, 2), Vec3d(100, 0, 2), wall, Sightline::Options(), QStringLiteral("blocked")),
                     Sightline::compute(Vec3d(0, 0, 2), Vec3d(-100, 0, 2), wall, Sightline::Options(), QStringLiteral("clear"))});
    HeightCheckResult h;
    h.buildingId = QStringLiteral("c_tower");
    h.buildingName = QStringLiteral("方案C 高层, tower");
    h.source = QStringLiteral("model");
    h.footprint = {{80, 60, 0}, {80, 90, 0}, {110, 90, 0}, {110, 60, 0}}; // clockwise: must come out ccw
    h.centroid = Vec3d(95, 75, 0);
    h.zoneIds = QStringList{QStringLiteral("core"), QStringLiteral("control")};
    h.governingZone = 0;
    h.zoneId = QStringLiteral("core");
    h.zoneName = QStringLiteral("核心保护范围");
    h.limit = 16;
    h.limitElevation = 16;
    h.height = 43;
    h.excess = 27;
    h.inZone = true;
    h.violation = true;
    e.setHeightChecks({h});
    return e;
}

QJsonArray coordsOf(const QJsonObject &feature)
{
    return feature.value(QStringLiteral("geometry")).toObject().value(QStringLiteral("coordinates")).toArray();
}

} // namespace

class tst_ReviewExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { registerGdalDrivers(); }

    void csvIsParseable_data()
    {
        QTest::addColumn<int>("table");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("firstColumn");
        QTest::newRow("measurements") << int(ReviewExport::Table::Measurements) << 3 << QStringLiteral("kind");
        QTest::newRow("sightlines") << int(ReviewExport::Table::Sightlines) << 2 << QStringLiteral("label");
        QTest::newRow("height checks") << int(ReviewExport::Table::HeightChecks) << 1 << QStringLiteral("building_id");
    }
    void csvIsParseable()
    {
        QFETCH(int, table);
        QFETCH(int, rows);
        QFETCH(QString, firstColumn);
        const ReviewExport e = sampleExport();
        const QByteArray csv = e.csv(ReviewExport::Table(table));
        QList<QStringList> parsed;
        QVERIFY2(parseCsv(csv, &parsed), csv.constData());
        QCOMPARE(parsed.size(), rows + 1);
        QCOMPARE(parsed[0].value(0), firstColumn);
        for (const QStringList &r : parsed)
            QCOMPARE(r.size(), parsed[0].size());
        const int crs = parsed[0].indexOf(QStringLiteral("crs"));
        QVERIFY(crs >= 0);
        QCOMPARE(parsed[1][crs], QStringLiteral("EPSG:4549"));
    }

    void csvValues()
    {
        const ReviewExport e = sampleExport();
        QList<QStringList> m, s, h;
        QVERIFY(parseCsv(e.csv(ReviewExport::Table::Measurements), &m));
        QVERIFY(parseCsv(e.csv(ReviewExport::Table::Sightlines), &s));
        QVERIFY(parseCsv(e.csv(ReviewExport::Table::HeightChecks), &h));
        auto col = [](const QList<QStringList> &t, int row, const char *name) {
            return t[row][t[0].indexOf(QString::fromLatin1(name))];
        };
        QCOMPARE(col(m, 1, "label"), QStringLiteral("tower, \"east\" 距离")); // quoting round trip
        QCOMPARE(col(m, 1, "distance_3d_m"), QStringLiteral("51.420"));        // √(30² + 40² + 12²)
        QCOMPARE(col(m, 1, "horizontal_m"), QStringLiteral("50.000"));
        QCOMPARE(col(m, 1, "points"), QStringLiteral("528630.000 3992050.000 0.000;528660.000 3992090.000 12.000"));
        QCOMPARE(col(m, 2, "area_horizontal_m2"), QStringLiteral("200.000"));
        QCOMPARE(col(m, 2, "perimeter_m"), QStringLiteral("60.000"));
        QCOMPARE(col(m, 3, "valid"), QStringLiteral("false"));
        QVERIFY(!col(m, 3, "error").isEmpty());
        QCOMPARE(col(s, 1, "visible"), QStringLiteral("false"));
        QCOMPARE(col(s, 1, "obstruction_distance_m"), QStringLiteral("50.000"));
        QCOMPARE(col(s, 1, "obstruction_x"), QStringLiteral("528680.000"));
        QCOMPARE(col(s, 2, "visible"), QStringLiteral("true"));
        QCOMPARE(col(s, 2, "obstruction_x"), QString());
        QCOMPARE(col(h, 1, "name"), QStringLiteral("方案C 高层, tower"));
        QCOMPARE(col(h, 1, "excess_m"), QStringLiteral("27.000"));
        QCOMPARE(col(h, 1, "zones"), QStringLiteral("core;control"));
        QCOMPARE(col(h, 1, "violation"), QStringLiteral("true"));
    }

    void geoJsonWgs84AgainstProj()
    {
        const ReviewExport e = sampleExport();
        QString err;
        const QByteArray json = e.geoJson(ReviewExport::GeoJsonCrs::Wgs84, &err);
        QVERIFY2(!json.isEmpty(), qPrintable(err));
        QJsonParseError pe;
        const QJsonObject root = QJsonDocument::fromJson(json, &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QStringLiteral("type")).toString(), QStringLiteral("FeatureCollection"));
        QVERIFY(!root.contains(QStringLiteral("crs"))); // RFC 7946: no crs member
        const QJsonArray features = root.value(QStringLiteral("features")).toArray();
        QCOMPARE(features.size(), 3 + 2 + 1);

        const CoordinateTransform toGeo(Crs::fromString(QStringLiteral("EPSG:4549")), Crs::fromString(QStringLiteral("EPSG:4326")));
        const CoordinateTransform back(Crs::fromString(QStringLiteral("EPSG:4326")), Crs::fromString(QStringLiteral("EPSG:4549")));
        QVERIFY(toGeo.isValid() && back.isValid());

        // distance line: both ends against PROJ directly, and back to EPSG:4549 within a millimetre
        const QJsonArray line = coordsOf(features[0].toObject());
        QCOMPARE(line.size(), 2);
        const Vec3d local[2] = {Vec3d(0, 0, 0), Vec3d(30, 40, 12)};
        for (int i = 0; i < 2; ++i) {
            const QJsonArray p = line[i].toArray();
            QCOMPARE(p.size(), 3);
            bool ok = false;
            const Vec3d expect = toGeo.apply(local[i] + kOrigin, &ok);
            QVERIFY(ok);
            QVERIFY2(std::abs(p[0].toDouble() - expect.x) < 2e-9 && std::abs(p[1].toDouble() - expect.y) < 2e-9,
                     qPrintable(QStringLiteral("%1 %2 vs %3 %4").arg(p[0].toDouble(), 0, 'f', 10).arg(p[1].toDouble(), 0, 'f', 10)
                                    .arg(expect.x, 0, 'f', 10).arg(expect.y, 0, 'f', 10)));
            QVERIFY(p[0].toDouble() > 120 && p[0].toDouble() < 121); // longitude first
            const Vec3d rt = back.apply(Vec3d(p[0].toDouble(), p[1].toDouble(), p[2].toDouble()), &ok);
            QVERIFY(ok);
            QVERIFY2(std::hypot(rt.x - (local[i].x + kOrigin.x), rt.y - (local[i].y + kOrigin.y)) < 1e-3,
                     qPrintable(QStringLiteral("%1 %2").arg(rt.x, 0, 'f', 4).arg(rt.y, 0, 'f', 4)));
            QVERIFY(std::abs(p[2].toDouble() - local[i].z) < 1e-3);
        }
        // the recipe's cs2cs value for the origin: 36.058225N 120.317767E
        const QJsonArray o = line[0].toArray();
        QVERIFY(std::abs(o[0].toDouble() - 120.317767) < 1e-6);
        QVERIFY(std::abs(o[1].toDouble() - 36.058225) < 1e-6);

        // area: closed counter-clockwise polygon
        const QJsonArray ring = coordsOf(features[1].toObject())[0].toArray();
        QCOMPARE(ring.size(), 5);
        QCOMPARE(ring[0], ring[4]);
        // footprint given clockwise comes out counter-clockwise (positive shoelace in lon/lat)
        const QJsonObject hc = features[5].toObject();
        QCOMPARE(hc.value(QStringLiteral("properties")).toObject().value(QStringLiteral("result")).toString(),
                 QStringLiteral("height_check"));
        QCOMPARE(hc.value(QStringLiteral("properties")).toObject().value(QStringLiteral("excess_m")).toDouble(), 27.0);
        const QJsonArray fp = coordsOf(hc)[0].toArray();
        double s = 0;
        for (int i = 0; i + 1 < fp.size(); ++i)
            s += fp[i].toArray()[0].toDouble() * fp[i + 1].toArray()[1].toDouble()
                 - fp[i + 1].toArray()[0].toDouble() * fp[i].toArray()[1].toDouble();
        QVERIFY(s > 0);
        // blocked sightline: the obstruction, transformed
        const QJsonObject sp = features[3].toObject().value(QStringLiteral("properties")).toObject();
        QCOMPARE(sp.value(QStringLiteral("visible")).toBool(), false);
        const QJsonArray ob = sp.value(QStringLiteral("obstruction")).toArray();
        const Vec3d expectOb = toGeo.apply(Vec3d(50, 0, 2) + kOrigin);
        QVERIFY(std::abs(ob[0].toDouble() - expectOb.x) < 2e-9 && std::abs(ob[1].toDouble() - expectOb.y) < 2e-9);
        QVERIFY(features[4].toObject().value(QStringLiteral("properties")).toObject().value(QStringLiteral("obstruction")).isNull());
    }

    void geoJsonFilesReadByGdal_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<double>("minX");
        QTest::newRow("WGS84") << int(ReviewExport::GeoJsonCrs::Wgs84) << QStringLiteral("EPSG:4326") << 120.0;
        QTest::newRow("projected") << int(ReviewExport::GeoJsonCrs::Projected) << QStringLiteral("EPSG:4549") << 528000.0;
    }
    void geoJsonFilesReadByGdal()
    {
        QFETCH(int, mode);
        QFETCH(QString, authority);
        QFETCH(double, minX);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("review.geojson"));
        QString err;
        QVERIFY2(sampleExport().writeGeoJson(path, ReviewExport::GeoJsonCrs(mode), &err), qPrintable(err));
        const VectorDataset ds = VectorDataset::open(path, &err);
        QVERIFY2(ds.isValid(), qPrintable(err));
        QCOMPARE(ds.info().layers.size(), 1);
        const VectorLayerInfo &l = ds.info().layers[0];
        QCOMPARE(l.crs.authorityCode(), authority);
        QCOMPARE(l.featureCount, qint64(6));
        QVERIFY2(l.bounds.minX > minX && l.bounds.minX < minX + 1000, qPrintable(QString::number(l.bounds.minX)));
        if (mode == int(ReviewExport::GeoJsonCrs::Projected)) {
            std::vector<VectorFeature> f;
            QStringList warnings;
            QVERIFY(ds.readFeatures(0, Crs(), Crs(), &f, &warnings, &err));
            // the first feature (distance) starts at the scene origin
            QVERIFY(!f.empty() && !f[0].parts.empty());
            const Vec3d p = f[0].parts[0][0][0];
            QVERIFY(std::abs(p.x - kOrigin.x) < 1e-3 && std::abs(p.y - kOrigin.y) < 1e-3);
        }
    }

    void errors()
    {
        QString err;
        // no CRS: lon/lat impossible, CSV fine (local metres)
        ReviewExport local;
        local.setMeasurements({Measurement::distance(Vec3d(0, 0, 0), Vec3d(1, 0, 0))});
        QVERIFY(local.geoJson(ReviewExport::GeoJsonCrs::Wgs84, &err).isEmpty());
        QVERIFY(err.contains(QLatin1String("coordinate reference system")));
        QVERIFY(local.csv(ReviewExport::Table::Measurements).contains(",local,"));
        // ENU frame: no EPSG code to name
        ReviewExport enu(LocalFrame(Crs::enu(36.06, 120.32), Vec3d()));
        err.clear();
        QVERIFY(enu.geoJson(ReviewExport::GeoJsonCrs::Projected, &err).isEmpty());
        QVERIFY2(err.contains(QLatin1String("EPSG")), qPrintable(err));
        QVERIFY(!enu.geoJson(ReviewExport::GeoJsonCrs::Wgs84, &err).isEmpty());
        // unwritable path: the error names the file, nothing is left behind
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("missing/sub/out.csv"));
        QVERIFY(!sampleExport().writeCsv(bad, ReviewExport::Table::Measurements, &err));
        QVERIFY2(err.contains(QLatin1String("out.csv")), qPrintable(err));
        const QString badJson = dir.filePath(QStringLiteral("missing/out.geojson"));
        QVERIFY(!local.writeGeoJson(badJson, ReviewExport::GeoJsonCrs::Wgs84, &err));
        QVERIFY2(err.contains(QLatin1String("out.geojson")), qPrintable(err));
        // an existing file is replaced whole
        const QString good = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(ReviewExport::writeFile(good, QByteArray(10000, 'x'), &err));
        QVERIFY(sampleExport().writeCsv(good, ReviewExport::Table::HeightChecks, &err));
        QFile f(good);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("building_id,"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("out.csv")});
    }
};

QTEST_GUILESS_MAIN(tst_ReviewExport)
#include "tst_reviewexport.moc"
