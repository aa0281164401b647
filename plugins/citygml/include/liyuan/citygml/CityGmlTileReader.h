#pragma once
#include <liyuan/scene/TileReader.h>

namespace liyuan::citygml {

/**
 * A CityGML 1.0/2.0 file as one tile, drawn like CityJSON: one mesh per object type and
 * surface (walls, roofs, grounds, LoD1 solids) with flat shading baked into vertex colours,
 * the object index of every triangle for picking, the object ids as feature names and their
 * attributes as feature attributes; textured polygons (the first appearance theme) in one mesh
 * per image, decoded here (larger than kMaxTextureSide: scaled down; missing: a warning and the
 * surface colour); vertices float relative to the model's bounding-box centre
 * (TileContent::origin, in the file's reference system). Any thread.
 */
class CityGmlTileReader : public TileReader
{
public:
    static constexpr int kMaxTextureSide = 2048;

    QString formatName() const override { return QStringLiteral("CityGML"); }
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;
};

/** Creates the reader and registers it with ReaderRegistry (main thread, once at start-up). */
void registerCityGmlReader();

} // namespace liyuan::citygml
