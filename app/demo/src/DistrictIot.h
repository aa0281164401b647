#pragma once
// Private to liyuan_demo: the live IoT side of the demo district, written into iot/:
// registry.json (BuildingRegistry schema, EPSG:4549), mapping.json (PayloadMapping file format),
// events.json (LiyuanEventMapping for the demo events on liyuan/demo/events)
// and feed.jsonl (FeedRecording: 24 h backfill of the meters and people counters at 15 min, then
// a 5-minute live loop). Deterministic; derived from the same Layout as the meshes.

#include "DistrictModel.h"

#include <QString>
#include <QStringList>

namespace liyuan::demo {

struct IotResult
{
    QStringList files;       ///< relative to the IoT folder
    int devices = 0, floors = 0, tenants = 0, messages = 0, backfill = 0;
    int events = 0;          ///< demo events per loop on topic liyuan/demo/events (mapping: events.json)
};

/** Writes registry.json, mapping.json and feed.jsonl into iotDir (created). Errors name the file. */
bool writeDistrictIot(const Layout &layout, const QString &iotDir, IotResult *out, QString *error);

} // namespace liyuan::demo
