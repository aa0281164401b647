#pragma once
// Private to liyuan_demo: "archive photos" of the demo district's points of interest —
// sepia, vignetted, grainy drawings of a facade (no text, no fonts).

#include <QImage>
#include <QString>

#include <cstdint>

namespace liyuan::demo {

/** The facade kinds drawArchivePhoto knows (gis.json's "photo" values). */
bool isArchivePhotoKind(const QString &kind);

/**
 * Draws one archive photo of a `kind` subject (liyuan, shop, villa, school, church, tower,
 * pavilion, lighthouse, pier, temple, park, plaza). Deterministic in seed; RGB32.
 */
QImage drawArchivePhoto(const QString &kind, uint64_t seed, int width = 640, int height = 480);

} // namespace liyuan::demo
