#include <liyuan/scene/FetchContext.h>

namespace liyuan {

namespace {
thread_local double t_priority = 0.0;
thread_local std::function<bool()> t_cancelled;
} // namespace

FetchContext::Scope::Scope(double priority, std::function<bool()> cancelled)
    : m_previousPriority(t_priority), m_previousCancelled(std::move(t_cancelled))
{
    t_priority = priority;
    t_cancelled = std::move(cancelled);
}

FetchContext::Scope::~Scope()
{
    t_priority = m_previousPriority;
    t_cancelled = std::move(m_previousCancelled);
}

double FetchContext::priority()
{
    return t_priority;
}

bool FetchContext::cancelled()
{
    return t_cancelled && t_cancelled();
}

FetchResult FetchContext::fetch(const QString &url)
{
    return RemoteSource::instance().fetch(url, t_priority, t_cancelled);
}

} // namespace liyuan
