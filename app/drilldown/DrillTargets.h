#pragma once
#include <QObject>
#include <QString>

namespace liyuan {

class DrillDownController;
class LayerManager;
class LiveDataController;
class TileDrawableModel;
class TileStreamer;
struct PickResult;

/**
 * Keeps the drill-down in step with the scene: its buildings come from the live layer's registry
 * and from model layers with floors (IFC storeys, floor-named nodes; a registry building naming
 * the model takes its floors), photogrammetry and footprint layers are sliced, live markers
 * follow exploded floors, a click on a registered building focuses it, and --focus
 * (BUILDING[/FLOOR], explode) applies once the data and the registry are in. GUI thread only.
 */
class DrillTargets : public QObject
{
    Q_OBJECT
public:
    DrillTargets(DrillDownController *drill, TileStreamer *streamer, TileDrawableModel *tiles, LayerManager *layers,
                 LiveDataController *live, QObject *parent = nullptr);

    /** Rebuilds the drill-down's buildings from the registry and the loaded model layers. */
    void updateBuildings();
    /** Opens the drill-down once the data and the registry are in; unknown buildings or floors give a message. */
    void setPendingFocus(const QString &focus, bool explode);
    /** Once per frame: floor slices follow the shown tiles; a pending focus applies once homeReady. */
    void onFrame(bool homeReady);
    /**
     * A pick hit a registered building (or a model with floors) drawn in the main view
     * (shownInMainView): focuses it unless it is already; true when the hit is such a building.
     */
    bool focusPicked(const PickResult &hit, bool shownInMainView);

signals:
    /** A problem to show (names the registry, building or floor). */
    void message(const QString &text);

private:
    void applyPendingFocus();
    void syncMarkerLifts();

    DrillDownController *m_drill;
    TileStreamer *m_streamer;
    TileDrawableModel *m_tiles;
    LayerManager *m_layers;
    LiveDataController *m_live;
    quint64 m_sliceRevision = 0;
    bool m_modelPending = false; ///< a model layer's root tile is not in yet
    QString m_pendingFocus;
    bool m_pendingExplode = false;
};

} // namespace liyuan
