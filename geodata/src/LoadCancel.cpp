#include "liyuan/geodata/LoadCancel.h"

namespace liyuan {

namespace {
std::atomic_bool g_cancelAll{false};
thread_local LoadCancel::Flag t_flag;
} // namespace

LoadCancel::Scope::Scope(Flag flag) : m_previous(std::move(t_flag))
{
    t_flag = std::move(flag);
}

LoadCancel::Scope::~Scope()
{
    t_flag = std::move(m_previous);
}

bool LoadCancel::requested()
{
    return g_cancelAll.load(std::memory_order_relaxed) || (t_flag && t_flag->load(std::memory_order_relaxed));
}

void LoadCancel::cancelAll()
{
    g_cancelAll.store(true);
}

} // namespace liyuan
