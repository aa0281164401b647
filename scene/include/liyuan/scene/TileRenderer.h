#pragma once
#include "DatasetTransform.h"
#include "TileSelector.h"

#include <memory>

namespace liyuan {

/**
 * What the streamer needs from whatever draws tiles (the Qt Quick 3D bridge, or a test
 * double). The prepareInLoadThread / prepareInMainThread split follows cesium-native.
 */
class TileRenderer
{
public:
    virtual ~TileRenderer() = default;
    /**
     * Worker thread, concurrently: turns content into render-ready plain buffers (no
     * QObject), may trim what drawing no longer needs. *extraBytes = memory the returned
     * data holds beyond content's own.
     */
    virtual std::shared_ptr<void> prepareInLoadThread(TileContent &content, qint64 *extraBytes) const = 0;
    /** GUI thread: creates the scene objects of a Loaded tile, placed by its dataset's transform. */
    virtual void prepareInMainThread(Tile &tile, const DatasetTransform &datasetTransform) = 0;
    /** GUI thread: a dataset's placement changed; move what is attached (no reload). */
    virtual void datasetTransformChanged(int dataset, const DatasetTransform &transform)
    {
        Q_UNUSED(dataset);
        Q_UNUSED(transform);
    }
    /** GUI thread: destroys them (the tile is being evicted). */
    virtual void free(Tile &tile) = 0;
    /** GUI thread: exactly these meshes are shown this frame. */
    virtual void setDrawn(const std::vector<DrawItem> &items) = 0;
};

} // namespace liyuan
