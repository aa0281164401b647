#pragma once
#include "ProjectFile.h"

#include <liyuan/scene/quick/SceneClipping.h>

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QVariantList>

namespace liyuan {

class LayerManager;
class TileStreamer;

/**
 * Design schemes ("liyuan.schemes" in QML): named sets of placed models plus the areas where
 * they replace today's city. Owns one model layer per scheme model (ids "scheme-<k>-<m>" or
 * the id the project saved), shows the active scheme's models and hides the others', and
 * puts the active scheme's areas into SceneClipping (owner "scheme", slot 0) so the
 * photogrammetry inside is flattened or clipped on the GPU. Compare modes: "split" (a
 * second view beside the main one, cameras locked) and "swipe" (the second view drawn over
 * the main one, left of a slider); the compared scheme's areas go to slot 1 and its models
 * are shown only in the second view (QML asks showsDataset(dataset, slot)).
 * Scheme records are kept as ProjectFile JSON (paths absolute while loaded). GUI thread only.
 */
class SchemeManager : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantList schemes READ schemes NOTIFY schemesChanged)
    Q_PROPERTY(int count READ count NOTIFY schemesChanged)
    Q_PROPERTY(int activeScheme READ activeScheme WRITE setActiveScheme NOTIFY activeSchemeChanged)
    Q_PROPERTY(QString activeName READ activeName NOTIFY activeSchemeChanged)
    Q_PROPERTY(QString compareMode READ compareMode WRITE setCompareMode NOTIFY compareChanged)
    Q_PROPERTY(int compareScheme READ compareScheme WRITE setCompareScheme NOTIFY compareChanged)
    Q_PROPERTY(double swipePosition READ swipePosition WRITE setSwipePosition NOTIFY swipePositionChanged)
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
public:
    SchemeManager(LayerManager *layers, TileStreamer *streamer, SceneClipping *clipping, QObject *parent = nullptr);

    /** [{name, description, models, areas, active, compared}] for the panel. */
    QVariantList schemes() const;
    int count() const { return int(m_schemes.size()); }
    /** Index of the shown scheme, -1 for none. */
    int activeScheme() const { return m_active; }
    /** Shows scheme index (-1: none; out of range is ignored with a message). */
    void setActiveScheme(int index);
    QString activeName() const;
    /** "off", "split" or "swipe". */
    QString compareMode() const { return m_compareMode; }
    void setCompareMode(const QString &mode);
    /** The scheme shown in the second view (-1: today's city, no scheme). */
    int compareScheme() const { return m_compare; }
    void setCompareScheme(int index);
    /** Swipe slider, 0..1 of the view's width: the second view is drawn right of it. */
    double swipePosition() const { return m_swipe; }
    void setSwipePosition(double position);
    /** Bumped whenever which datasets a view shows changes (QML bindings depend on it). */
    int revision() const { return m_revision; }

    /** Index of a scheme by name, id or number ("2", "C", "方案C …"); -1 when none matches. */
    Q_INVOKABLE int find(const QString &nameOrIndex) const;
    /** Does the view of slot (0 main, 1 compared) draw this dataset? Datasets of no scheme: always. */
    Q_INVOKABLE bool showsDataset(int dataset, int slot, int revision = 0) const;
    /** Photogrammetry is what scheme areas flatten or clip (models, terrain, vectors are not). */
    Q_INVOKABLE bool isAreaTarget(int dataset) const;

    /**
     * Adds the schemes of a schemes.json file ({"schemes": [...]}, paths relative to its
     * folder) to the list and creates their model layers; false with *error naming the file.
     */
    Q_INVOKABLE bool importSchemes(const QString &path);
    bool importSchemes(const QString &path, QString *error);
    /**
     * Reads a schemes.json file into ProjectFile scheme records with model paths relative to
     * baseDir (how the demo puts its schemes into its project). Validated like a project.
     */
    static bool readSchemesFile(const QString &path, const QDir &baseDir, QJsonArray *out, QString *error);

    /** Replaces the schemes by a project's (paths relative to baseDir); activates its activeScheme. */
    void loadProject(const ProjectFile &project, const QDir &baseDir);
    /**
     * Writes the schemes (models with their current placement, paths relative to baseDir)
     * and the active index into project, and takes the scheme model layers out of its layers.
     */
    void saveProject(ProjectFile *project, const QDir &baseDir) const;
    /** Forgets every scheme (its layers are removed with the others' by LayerManager::clear). */
    void clear();
    /** Model layer ids of scheme models. */
    QStringList modelLayerIds() const;

    /**
     * Activates a scheme (and optionally a compare mode, "split:B") as soon as schemes are
     * loaded: the command line's --scheme / --compare. Emits pendingFailed when none matches.
     */
    void setPending(const QString &scheme, const QString &compare);

    /** {"active": name|null, "activeIndex", "compare": {mode, scheme}, "list": [...], "models": [...]}. */
    QJsonObject stateJson() const;

signals:
    void schemesChanged();
    void activeSchemeChanged();
    void compareChanged();
    void swipePositionChanged();
    void revisionChanged();
    void message(const QString &text);
    /** A --scheme / --compare request could not be applied (text says why). */
    void pendingFailed(const QString &text);
    /** Something a project saves changed (active scheme). */
    void changed();

private:
    struct Scheme
    {
        QJsonObject record;       ///< ProjectFile scheme record, model paths absolute
        QStringList layerIds;     ///< one per record model ("" when it could not be opened)
    };
    bool addScheme(QJsonObject record, const QDir &baseDir);
    void applyVisibility();
    void applyAreas();
    QList<SceneClipping::Polygon> areaPolygons(int index, int slot) const;
    void tryPending();
    int schemeOfDataset(int dataset) const;
    void bump();

    LayerManager *m_layers = nullptr;
    TileStreamer *m_streamer = nullptr;
    SceneClipping *m_clipping = nullptr;
    QList<Scheme> m_schemes;
    int m_active = -1;
    QString m_compareMode = QStringLiteral("off");
    int m_compare = -1;
    double m_swipe = 0.5;
    int m_revision = 0;
    QString m_pendingScheme, m_pendingCompare;
    QHash<int, int> m_datasetScheme; ///< streamer dataset → scheme index (rebuilt by bump())
};

} // namespace liyuan
