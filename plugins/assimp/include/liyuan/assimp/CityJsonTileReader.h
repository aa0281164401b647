#pragma once
#include <liyuan/scene/TileReader.h>

namespace liyuan::assimp {

/**
 * CityJSON (LoD1/LoD2, plain JSON) as one tile: one mesh per city-object type with flat
 * shading baked into vertex colours, the object index of every triangle for picking and the
 * object ids as feature names; vertices float relative to the model's bounding-box centre
 * (TileContent::origin, in the file's reference system). Any thread.
 */
class CityJsonTileReader : public TileReader
{
public:
    QString formatName() const override { return QStringLiteral("CityJSON"); }
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;
    /**
     * The reference system named by a CityJSON file ("EPSG:7415"), found without parsing the
     * whole document (GUI thread: the dataset's frame is needed before it streams); empty when
     * the file names none.
     */
    static QString referenceSystem(const QString &path);
};

/** Creates the reader and registers it with ReaderRegistry (main thread, once at start-up). */
void registerCityJsonReader();

} // namespace liyuan::assimp
