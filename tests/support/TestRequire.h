#pragma once
// What a test does when a tool or data set it needs is missing.
//
// LIYUAN_REQUIRE(cond, reason): when cond is false the test function is skipped with reason —
// ctest then reports the whole program as *Skipped* (SKIP_REGULAR_EXPRESSION in
// tests/CMakeLists.txt), never *Passed* — and in CI (CI=true, or LIYUAN_TESTS_STRICT=1), where
// everything is installed, it fails instead.
#include <QtTest>

namespace liyuan::test {
inline bool strict()
{
    return qEnvironmentVariable("CI") == QLatin1String("true") || qEnvironmentVariableIntValue("LIYUAN_TESTS_STRICT") != 0;
}
} // namespace liyuan::test

#define LIYUAN_REQUIRE(cond, reason)                                                                           \
    do {                                                                                                      \
        if (!(cond)) {                                                                                        \
            if (liyuan::test::strict())                                                                       \
                QFAIL(qPrintable(QStringLiteral("missing in CI: %1").arg(QString::fromUtf8(reason))));       \
            QSKIP(reason);                                                                                    \
        }                                                                                                     \
    } while (false)

/** Skips (fails in CI) unconditionally, with reason. */
#define LIYUAN_SKIP(reason) LIYUAN_REQUIRE(false, reason)
