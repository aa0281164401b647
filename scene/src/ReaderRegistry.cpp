#include <liyuan/scene/TileReader.h>

namespace liyuan {

ReaderRegistry &ReaderRegistry::instance()
{
    static ReaderRegistry registry;
    return registry;
}

void ReaderRegistry::add(std::shared_ptr<TileReader> reader)
{
    if (reader)
        m_readers.push_back(std::move(reader));
}

std::shared_ptr<TileReader> ReaderRegistry::readerFor(const QString &path) const
{
    for (const auto &r : m_readers) {
        if (r->identify(path))
            return r;
    }
    return nullptr;
}

} // namespace liyuan
