#pragma once
#include <liyuan/video/VideoFeed.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace liyuan {

/**
 * The live feeds the camera layer decodes: one VideoFeed per (camera, stream), shared by the
 * video grid's tiles and the projections that show it, reference counted — a feed nobody
 * shows is stopped and deleted, so it is not decoded. GUI thread only.
 *
 * Credentials: a camera with a credentials reference gets its user and password from the
 * credential lookup (the system keychain) before the feed starts; they go to the feed only,
 * never into a URL the app prints or saves.
 */
class FeedPool : public QObject
{
    Q_OBJECT
public:
    /** What a feed needs: the URL and, when the camera has a reference, the credentials' lookup key. */
    struct Source
    {
        QString cameraId;
        QString stream;        ///< "main" or "sub"
        QUrl url;
        QString credentialRef; ///< empty: none
    };
    /** Looks credentials up asynchronously and calls back on the GUI thread (ok, user, password, error). */
    using CredentialLookup = std::function<void(const QString &ref, QObject *context,
                                                std::function<void(bool, QString, QString, QString)>)>;

    explicit FeedPool(const video::VideoOptions &options, QObject *parent = nullptr);
    ~FeedPool() override;

    void setCredentialLookup(CredentialLookup lookup) { m_lookup = std::move(lookup); }
    void setOptions(const video::VideoOptions &options) { m_options = options; }

    /** The feed for source (created and started on first use); each acquire needs a release. */
    video::VideoFeed *acquire(const Source &source);
    /** Drops one use; the last one stops and deletes the feed. */
    void release(video::VideoFeed *feed);
    /** The running feed of a camera's stream, or null. */
    video::VideoFeed *find(const QString &cameraId, const QString &stream) const;
    /** Every running feed, with its camera id and stream. */
    QList<video::VideoFeed *> feeds() const;
    QString cameraOf(video::VideoFeed *feed) const;
    QString streamOf(video::VideoFeed *feed) const;

signals:
    /** A feed's state changed (for the icons' colours). */
    void feedStateChanged(const QString &cameraId, const QString &stateName);
    void message(const QString &text);

private:
    struct Entry
    {
        QPointer<video::VideoFeed> feed;
        Source source;
        int uses = 0;
    };
    static QString keyOf(const QString &cameraId, const QString &stream) { return cameraId + QLatin1Char('\n') + stream; }

    video::VideoOptions m_options;
    CredentialLookup m_lookup;
    QHash<QString, Entry> m_entries;
};

} // namespace liyuan
