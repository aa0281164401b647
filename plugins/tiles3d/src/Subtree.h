#pragma once
#include <QByteArray>
#include <QString>

namespace liyuan::tiles3d {

/** The shape of the subtrees of one implicit tileset. */
struct SubtreeShape
{
    int subtreeLevels = 1;
    bool octree = false;

    int branching() const { return octree ? 8 : 4; }
    /** Bits of tile (and content) availability: (b^levels − 1)/(b − 1). */
    qint64 tileBits() const;
    /** Bits of child subtree availability: b^levels. */
    qint64 childBits() const;
    /** Index of the first bit of a level inside a subtree. */
    qint64 levelOffset(int level) const;
};

/** One availability of a subtree: a constant or a bitstream (bit i at byte i/8, bit i%8). */
struct Availability
{
    bool constant = true;
    bool value = false;
    QByteArray bits;

    bool at(qint64 i) const
    {
        if (constant)
            return value;
        return i >= 0 && i / 8 < bits.size() && ((uchar(bits[i / 8]) >> (i % 8)) & 1);
    }
};

/**
 * An implicit-tiling subtree (3D Tiles 1.1): tile, content and child-subtree availability,
 * read from a binary `.subtree` (magic "subt") or a JSON subtree with external buffers.
 * Plain value; parse() on any thread.
 */
struct Subtree
{
    Availability tiles;
    Availability content;
    Availability childSubtrees;

    /** Parses bytes of file; false and *error (naming the field) when malformed or lengths disagree. */
    static bool parse(const QByteArray &bytes, const QString &file, const SubtreeShape &shape, qint64 maxBytes,
                      Subtree *out, QString *error);
};

/** Morton (Z-order) index of (x, y) or (x, y, z), interleaving bits x first. */
quint64 mortonIndex(quint64 x, quint64 y, quint64 z, bool octree);

} // namespace liyuan::tiles3d
