#include <liyuan/scene/TileSelector.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace liyuan {
namespace {

struct Walker
{
    const ViewState &view;
    const TilesetOptions &options;
    quint64 frame;
    Selection &out;

    void want(Tile *tile, double priority)
    {
        if (tile->state != TileLoadState::Unloaded && tile->state != TileLoadState::Loading
            && tile->state != TileLoadState::Loaded)
            return;
        if (tile->requestedFrame == frame) {
            tile->priority = std::max(tile->priority, priority);
            return;
        }
        tile->requestedFrame = frame;
        tile->priority = priority;
        out.wanted.push_back({tile, priority});
    }

    void tile(Tile *t, const DatasetTransform &xf)
    {
        t->lastUsedFrame = frame;
        const TileContent &c = *t->content;
        bool drewAny = false;
        const size_t before = out.draw.size();
        for (size_t i = 0; i < c.nodes.size(); ++i)
            if (c.nodes[i].parentNode < 0)
                node(t, int(i), xf);
        drewAny = out.draw.size() > before;
        if (drewAny)
            out.drawnTiles.push_back(t);
    }

    void drawRange(Tile *t, int ni, int ri, const DatasetTransform &xf)
    {
        const TileContent &c = *t->content;
        for (int m : c.nodes[size_t(ni)].ranges[size_t(ri)].meshes) {
            out.draw.push_back({t, m});
            out.triangles += c.meshes[size_t(m)].triangleCount();
        }
        for (size_t k = 0; k < c.nodes.size(); ++k)
            if (c.nodes[k].parentNode == ni && c.nodes[k].parentRange == ri)
                node(t, int(k), xf);
    }

    void node(Tile *t, int ni, const DatasetTransform &xf)
    {
        const TileContent &c = *t->content;
        const LodNode &n = c.nodes[size_t(ni)];
        const Vec3d center = xf.toScene(c.origin + n.center);
        const double radius = n.radius * xf.scale;
        if (!view.sphereVisible(center, radius)) {
            ++out.culledNodes;
            return;
        }
        const double pixels = view.pixelSize(center, radius);
        double value = n.rangeMode == RangeMode::PixelSizeOnScreen
                               ? pixels / options.lodScale
                               : view.distance(center) * options.lodScale;
        if (n.rangeMode == RangeMode::PixelSizeAtNearestPoint) {
            // the same diameter seen from the sphere's nearest point (3D Tiles' distance to the volume)
            const double nearest = view.distance(center) - radius;
            value = nearest > 0.0 ? pixels * std::max(std::abs(view.depth(center)), 1e-6) / nearest / options.lodScale
                                  : 1e30; // inside the sphere: finer than any range limit (float max is 3.4e38)
        }
        // children that replace this node are shown together or not at all: while any of
        // them is not ready (or failed) the node's own geometry stays drawn — no holes
        // and no overlap between levels
        std::vector<Tile *> children;
        bool needFallback = false;
        size_t cursor = 0; // children come in range order: each lookup is O(1)
        for (size_t ri = 0; ri < n.ranges.size(); ++ri) {
            const LodRange &r = n.ranges[ri];
            if (!(value >= r.min && value < r.max))
                continue;
            if (r.childFile.isEmpty()) {
                drawRange(t, ni, int(ri), xf);
                continue;
            }
            Tile *child = t->childFor(r.childFile, &cursor);
            if (child && child->state == TileLoadState::Done) {
                children.push_back(child);
            } else {
                if (child && child->state != TileLoadState::Failed)
                    want(child, pixels);
                needFallback = true;
            }
        }
        for (Tile *child : children) {
            if (needFallback)
                child->lastUsedFrame = frame; // keep it cached while its siblings load
            else
                tile(child, xf);
        }
        if (needFallback) {
            // OSG draws the last loaded child: the finest inline range
            for (int ri = int(n.ranges.size()) - 1; ri >= 0; --ri) {
                const LodRange &r = n.ranges[size_t(ri)];
                if (r.childFile.isEmpty() && !(value >= r.min && value < r.max)) {
                    drawRange(t, ni, ri, xf);
                    ++out.fallbacks;
                    break;
                }
                if (r.childFile.isEmpty())
                    break; // that range is already drawn as active
            }
        }
    }
};

} // namespace

Selection TileSelector::select(const std::vector<Root> &roots, const ViewState &view,
                               const TilesetOptions &options, quint64 frame) const
{
    Selection out;
    Walker w{view, options, frame, out};
    for (const Root &r : roots) {
        if (!r.tile)
            continue;
        r.tile->lastUsedFrame = frame;
        if (r.tile->state == TileLoadState::Done)
            w.tile(r.tile, r.transform());
        else if (r.tile->state != TileLoadState::Failed)
            w.want(r.tile, 1e12); // roots first: nothing can be drawn without them
    }
    return out;
}

} // namespace liyuan
