#pragma once
#include <liyuan/assimp/ModelContent.h>
#include <liyuan/assimp/ModelPlacement.h>
#include <liyuan/scene/TileReader.h>
#include <liyuan/scene/TileStreamer.h>

#include <QString>

namespace liyuan::assimp {

/**
 * Building models (glb, gltf, ifc, fbx, obj, dae, 3ds) as one streamed tile each: the whole
 * model becomes ONE TileContent in its own frame — Z up, metres, node transforms baked,
 * vertices relative to the model origin (TileContent::origin = 0,0,0 of the dataset frame,
 * i.e. the placement position). Heading and scale are NOT baked: the streamer applies them
 * as the dataset transform (TileDataset::headingDeg/scale), so interactive rotate/scale
 * needs no re-read.
 *
 * Meshes are merged by (floor group, material): few drawables. MeshData::triangleFeatures
 * holds each triangle's node index, TileContent::featureNames the node names. Groups
 * (TileContent::groups, MeshData::group) are the IFC storeys (by elevation), else the nodes
 * whose name matches the placement's floorPattern, else none; a mesh belongs to the group
 * whose subtree holds its node.
 *
 * Tile paths: a file path, or `FILE#KEY` (instancePath()) so that one file can be placed
 * several times (the streamer keys tiles by path). Placement options (up axis, floor
 * pattern) come from setPlacement() for that tile path, else the file's sidecar, else the
 * defaults. Progress is reported to ModelLoadProgress under the tile path.
 * identify()/read() are thread-safe.
 */
class ModelTileReader : public TileReader
{
public:
    QString formatName() const override { return QStringLiteral("Model"); }
    bool identify(const QString &path) const override;
    TileReadResult read(const QString &path) const override;

    /** The extensions read (lower case, no dot). */
    static QStringList extensions();
    /** "FILE#KEY": the same file as another tile (another scheme's copy of a model). */
    static QString instancePath(const QString &file, const QString &key);
    /** The file of a tile path (strips "#KEY"). */
    static QString filePath(const QString &tilePath);

    /** GUI thread, before the tile loads: the placement options for a tile path. */
    static void setPlacement(const QString &tilePath, const ModelPlacement &placement);
    static void clearPlacement(const QString &tilePath);
    /** The placement set for a tile path, else its file's sidecar; false when neither (any thread). */
    static bool placementFor(const QString &tilePath, ModelPlacement *out, QString *warning = nullptr);

    /**
     * Converts what ModelReader read (consumed) into one tile: up axis (Unknown: what the file
     * implies), floor groups by the storeys or floorPattern (empty: the default pattern).
     */
    static TileReadResult convert(ModelContent &&content, UpAxis upAxis, const QString &floorPattern);

    /**
     * A streamer dataset for a placed model (GUI thread): frame = the placement's CRS with its
     * position as origin, heading/scale for the scene frame (grid convergence applied), root
     * file = tilePath; registers the placement for the tile path. False with *error (naming the
     * file) when the placement does not fit the scene (unknown CRS, 1000 km away, …).
     */
    static bool makeDataset(const QString &tilePath, const ModelPlacement &placement, const LocalFrame &sceneFrame,
                            TileDataset *out, QString *error);
};

/** Creates the reader and registers it with ReaderRegistry (main thread, once at start-up). */
void registerModelReader();

} // namespace liyuan::assimp
