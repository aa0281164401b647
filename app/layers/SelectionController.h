#pragma once
#include "FeatureTableModel.h"

#include <liyuan/geodata/Vec3d.h>
#include <liyuan/scene/PickClipping.h>

#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QVector3D>

#include <functional>

namespace liyuan {

class CameraController;
class LayerManager;
class PointOverlayModel;
class TileStreamer;
struct PickResult;

/**
 * Picking, the selection and the attribute table as QML sees them (`liyuan.selection`): a click
 * picks a point of interest, a vector feature, a photogrammetry or terrain tile (looking through
 * translucent layers first, then — on a second click at the same spot — taking the translucent
 * one in front); the selection carries a title, attributes, an archive photo and a box to
 * highlight. Keeps the POI billboards and the attribute table in step with the vector layers.
 * GUI thread only.
 */
class SelectionController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantMap current READ current NOTIFY selectionChanged)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(QVector3D center READ center NOTIFY selectionChanged)
    Q_PROPERTY(QVector3D size READ size NOTIFY selectionChanged)
    Q_PROPERTY(liyuan::FeatureTableProxy *table READ table CONSTANT)
    Q_PROPERTY(QString tableLayer READ tableLayer NOTIFY tableChanged)
public:
    SelectionController(TileStreamer *streamer, LayerManager *layers, CameraController *camera, PointOverlayModel *pois,
                        QObject *parent = nullptr);

    /** Which datasets view 0 (main) or 1 (compared scheme) draws; all when unset. */
    void setViewFilter(std::function<bool(int dataset, int view)> filter) { m_viewFilter = std::move(filter); }
    /** The GPU cuts of each view mirrored on the CPU: clipped parts are looked through. */
    void setPickClipping(int view, const PickClipping &clipping) { m_pickClipping[view == 1 ? 1 : 0] = clipping; }
    /** Called with each hit before it is selected; true: the hit is a building the drill-down focused. */
    void setBuildingHook(std::function<bool(const PickResult &hit, int view)> hook) { m_buildingHook = std::move(hook); }

    /** The selection: kind, layerId, layerName, title, attributes [{name, value}], photo, (fid). */
    QVariantMap current() const { return m_selection; }
    bool hasSelection() const { return !m_selection.isEmpty(); }
    /** Centre and size of the selection's box (scene frame, at least 1 m each way). */
    QVector3D center() const { return m_center; }
    QVector3D size() const { return m_size; }
    FeatureTableProxy *table() const { return m_tableProxy; }
    QString tableLayer() const { return m_tableLayer; }

    /**
     * Picks what is under a pixel of the view: a point of interest, a vector feature, a
     * photogrammetry tile or terrain; selects it (highlight + attributes). False: nothing.
     * `view` 0 is the main view, 1 the compared scheme's (split or right of the swipe slider):
     * only what that view draws can be hit (another scheme's models are looked through).
     */
    Q_INVOKABLE bool pickAt(double x, double y, int view = 0);
    /** Selects a feature of a vector/points layer; with fly, flies to it. */
    Q_INVOKABLE bool selectFeature(const QString &layerId, qint64 fid, bool fly);
    Q_INVOKABLE void clear();
    /** Shows the attribute table of a vector/points layer ("" hides it). */
    Q_INVOKABLE void showTable(const QString &layerId);

signals:
    void selectionChanged();
    void tableChanged();

private:
    void setSelection(const QVariantMap &selection, const Vec3d &min, const Vec3d &max);

    TileStreamer *m_streamer;
    LayerManager *m_layers;
    CameraController *m_camera;
    PointOverlayModel *m_pois;
    std::function<bool(int, int)> m_viewFilter;
    std::function<bool(const PickResult &, int)> m_buildingHook;
    PickClipping m_pickClipping[2];
    struct LastPick { double x = -1e9, y = -1e9; int view = -1; Vec3d eye; bool throughTranslucent = false; };
    LastPick m_lastPick; ///< a second click on the same spot takes the translucent layer in front
    FeatureTableModel *m_tableModel = nullptr;
    FeatureTableProxy *m_tableProxy = nullptr;
    QString m_tableLayer;
    QVariantMap m_selection;
    QVector3D m_center, m_size;
};

} // namespace liyuan
