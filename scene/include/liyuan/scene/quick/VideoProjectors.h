#pragma once
#include <liyuan/geodata/CameraPose.h>
#include <liyuan/scene/DepthRaster.h>

#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QObject>
#include <QTimer>
#include <QVector2D>
#include <QtQuick3D/QQuick3DTextureData>

#include <array>
#include <functional>
#include <memory>

class QThreadPool;

namespace liyuan {

class TileStreamer;

/** Limits of video fusion (one place). */
struct VideoProjectorsOptions
{
    int depthWidth = 512;       ///< depth map of each projector, pixels
    int depthHeight = 288;
    int frameWidth = 640;       ///< each projector's picture is scaled to this cell of the frame atlas
    int frameHeight = 360;
    int depthIntervalMs = 500;  ///< a moved projector's depth map is remade at most this often
    int sceneIntervalMs = 2000; ///< … and at most this often when only the drawn meshes changed (levels of detail while flying)
    int frameIntervalMs = 33;   ///< the frame atlas is uploaded at most this often (frames coalesced)
};

/**
 * Video fusion: up to four projectors (surveillance cameras, archive photos) whose pictures the
 * tile material drapes by projective texturing over everything drawn — photogrammetry, terrain,
 * vector meshes and models — where the camera really looks (CameraPose::viewProjection in the
 * scene frame), with occlusion, soft edges at the frustum border and an opacity.
 *
 * Occlusion: for each projector a DepthRaster of the meshes the main view draws (the streamer's
 * last selection, restricted to those the projector may see and to what `occluderFilter` keeps)
 * is rendered on a worker thread from an immutable snapshot (shared TileContent + transforms),
 * again when the pose or that set of meshes changes, at most every depthIntervalMs. A projector
 * is drawn once it has a picture and a depth map, with the pose its depth map was made for.
 *
 * What the material reads (QML `liyuan.fusion`): `frames` (RGBA8 atlas, 2 × 2 cells of
 * frameWidth × frameHeight, slot s in column s % 2, row s / 2, top row first), `depth` (R32F, the
 * four depth maps stacked, slot s in rows s·depthHeight…, top row first, metres along the view
 * direction), `params` (RGBA32F, 8 × 4: row k = the k-th drawn projector: texels 0–3 its
 * view-projection matrix columns (scene frame), 4 = (position, slot), 5 = (near, far, metres per
 * depth texel per metre of depth, 0)), `activeCount` rows, `opacity`, `softness`, `depthSize`.
 *
 * GUI thread only (the depth maps are made on its own one-thread pool).
 */
class VideoProjectors : public QObject
{
    Q_OBJECT
    Q_PROPERTY(double opacity READ opacity WRITE setOpacity NOTIFY opacityChanged)
    Q_PROPERTY(double softness READ softness WRITE setSoftness NOTIFY softnessChanged)
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(int activeCount READ activeCount NOTIFY changed)
    Q_PROPERTY(int revision READ revision NOTIFY changed)
    Q_PROPERTY(QVector2D depthSize READ depthSize CONSTANT)
    Q_PROPERTY(QQuick3DTextureData *frames READ frames CONSTANT)
    Q_PROPERTY(QQuick3DTextureData *depth READ depth CONSTANT)
    Q_PROPERTY(QQuick3DTextureData *params READ params CONSTANT)
public:
    static constexpr int kSlots = 4;

    explicit VideoProjectors(QObject *parent = nullptr, const VideoProjectorsOptions &options = {});
    ~VideoProjectors() override;

    /** The streamer whose drawn meshes occlude (not owned). */
    void setStreamer(const TileStreamer *streamer) { m_streamer = streamer; }
    /** Datasets that occlude (e.g. not translucent zone volumes, not hidden in the main view); all when unset. */
    void setOccluderFilter(std::function<bool(int dataset)> filter) { m_filter = std::move(filter); }

    /** Projects slot 0…3 from `scenePose` (scene frame); `id` names it (camera id, file). */
    void setProjection(int slot, const QString &id, const CameraPose &scenePose);
    /** The slot's picture (any size and format; scaled into its atlas cell). GUI thread. */
    void setFrame(int slot, const QImage &frame);
    /** Stops projecting in a slot. */
    Q_INVOKABLE void clear(int slot);
    /** A still image from a file projected in a slot (archive photos, --project-image); false with a message naming the file. */
    bool projectImage(int slot, const QString &file, const CameraPose &scenePose, QString *error);

    double opacity() const { return m_opacity; }
    void setOpacity(double opacity);
    /** Width of the soft border as a fraction of the half-frame (0: hard edge, 1: fades from the centre). */
    double softness() const { return m_softness; }
    void setSoftness(double softness);
    /** Slots with a projection set. */
    int count() const;
    /** Projectors drawn now (a picture and a depth map). */
    int activeCount() const { return m_activeCount; }
    /** Changes whenever what is drawn changes (for QML bindings on reaches()). */
    int revision() const { return m_revision; }
    /**
     * True when a drawn projector may see the TileDrawable `drawable` (its geometry's bounds
     * against the frustum): only those meshes take the material's video stages. `revision`
     * and `position` are there for the QML binding to depend on.
     */
    Q_INVOKABLE bool reaches(QObject *drawable, int revision = 0, const QVector3D &position = {}) const;
    QVector2D depthSize() const { return QVector2D(float(m_options.depthWidth), float(m_options.depthHeight)); }
    QQuick3DTextureData *frames() const { return m_frames; }
    QQuick3DTextureData *depth() const { return m_depth; }
    QQuick3DTextureData *params() const { return m_params; }
    Q_INVOKABLE QString slotId(int slot) const;
    /** The pose of a slot (default pose when empty). */
    CameraPose pose(int slot) const;
    /** The slot's last depth map (empty before the first). */
    std::shared_ptr<const DepthRaster> depthMap(int slot) const;

    /** Per frame, after the streamer's update: notices pose and drawn-mesh changes, starts depth maps. */
    void refresh();
    /** True when no projection waits for a depth map (automation waits for it before a screenshot). */
    bool settled() const;
    /** The projections for --state-json. */
    QJsonArray stateJson() const;

    /**
     * Parses `FILE@x,y,z,heading,pitch,roll,hfov[,aspect,near,far]` (scene frame, degrees, metres;
     * aspect 0 or omitted: the picture's). False with a message saying what is wrong.
     */
    static bool parseImageSpec(const QString &spec, QString *file, CameraPose *pose, bool *aspectGiven, QString *error);
    /** parseImageSpec() then projectImage() (aspect omitted: the picture's). */
    bool projectImageSpec(int slot, const QString &spec, QString *error);

signals:
    void changed();
    void opacityChanged();
    void softnessChanged();
    /** A depth map arrived (the view needs a frame). */
    void depthReady(int slot);

private:
    struct Slot
    {
        bool posed = false;
        QString id;
        QString source;
        CameraPose pose;
        quint64 poseRevision = 0;
        bool hasFrame = false;
        QSize frameSize;
        bool inFlight = false;
        quint64 inFlightRevision = 0;   ///< the pose revision the depth map being made is for
        bool dirty = false;
        bool moved = false;             ///< dirty because the pose changed (not only the drawn meshes)
        quint64 signature = 0;          ///< of the meshes its depth map holds (or is being made of)
        std::shared_ptr<const DepthRaster> depth;
        CameraPose depthPose;           ///< the pose `depth` was made for (drawn with it)
        QElapsedTimer lastStart;
        double depthMs = 0;
        int depthMaps = 0;
    };
    quint64 signatureFor(const Slot &s) const;
    void startDepth(int slot);
    void rebuildParams();
    void scheduleFrameUpload();

    VideoProjectorsOptions m_options;
    const TileStreamer *m_streamer = nullptr;
    std::function<bool(int)> m_filter;
    std::array<Slot, kSlots> m_slots;
    QQuick3DTextureData *m_frames = nullptr;
    QQuick3DTextureData *m_depth = nullptr;
    QQuick3DTextureData *m_params = nullptr;
    QByteArray m_frameAtlas;
    QByteArray m_depthAtlas;
    QTimer m_frameTimer;
    QTimer m_depthTimer;
    QThreadPool *m_pool = nullptr;
    double m_opacity = 1.0;
    double m_softness = 0.15;
    int m_activeCount = 0;
    int m_revision = 0;
};

} // namespace liyuan
