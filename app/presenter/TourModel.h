#pragma once
#include <QJsonObject>
#include <QString>

#include <vector>

namespace liyuan {

/**
 * One tour as data: ordered steps (a view name, a duration, a transition into the step and its
 * length, a caption in Chinese and English) and whether it loops. Parsed and validated from the
 * project's JSON; locates the step shown at a time by binary search over the steps' start
 * times (10 000 steps sample in microseconds). Plain value; any thread.
 */
class TourModel
{
public:
    enum class Transition { Flight, Cut, CrossFade };

    struct Step
    {
        QString view;                 ///< name of a saved view
        double duration = 8.0;        ///< seconds the step lasts (its transition included)
        Transition transition = Transition::Flight;
        double transitionDuration = 2.0; ///< seconds, at most duration
        QString captionZh, captionEn;
    };

    /** Where a time falls: the step, seconds into it, the pass (0 = first; >0 only when looping). */
    struct Position
    {
        int step = -1;
        double stepTime = 0;
        int pass = 0;
        bool finished = false;
    };

    static constexpr int kMaxSteps = 10000;
    static constexpr double kMaxStepSeconds = 24.0 * 3600.0;
    static constexpr double kDefaultDuration = 8.0;
    static constexpr double kDefaultTransition = 2.0;

    QString name;
    bool loop = false;

    const std::vector<Step> &steps() const { return m_steps; }
    void setSteps(std::vector<Step> steps);
    /** Seconds of one pass. */
    double duration() const { return m_starts.empty() ? 0.0 : m_starts.back(); }
    /** Start time of a step within a pass. */
    double stepStart(int step) const;
    /** The step shown at t (seconds since the tour started; wraps when looping). Pure. */
    Position locate(double t) const;

    QJsonObject toJson() const;
    /**
     * Reads {name, loop, steps:[{view, duration, transition, transitionDuration, caption:{zh,en}}]}.
     * A missing view, a duration that is not a positive finite number up to a day, a negative or
     * non-finite transition duration, an unknown transition or more than kMaxSteps steps: false
     * with *error naming the tour and the step.
     */
    static bool fromJson(const QJsonObject &json, TourModel *out, QString *error);

    static QString transitionName(Transition t);
    /** "flight", "cut", "crossfade" (case-insensitive; "cross-fade", "fade" too); false when unknown. */
    static bool parseTransition(const QString &name, Transition *out);

private:
    std::vector<Step> m_steps;
    std::vector<double> m_starts; ///< size steps+1: start of each step, then the pass's end
};

} // namespace liyuan
