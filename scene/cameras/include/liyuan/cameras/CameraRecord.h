#pragma once
#include "PtzLimits.h"

#include <liyuan/geodata/CameraPose.h>
#include <liyuan/geodata/Vec3d.h>

#include <QString>
#include <QStringList>

namespace liyuan::cameras {

/**
 * One camera of a registry, as written in the file (position in `crs`, angles in degrees,
 * heading clockwise from the CRS's north) plus, after CameraRegistry::resolve(), its pose in
 * the scene frame (scenePose, resolved = true). Plain value, any thread.
 *
 * credentialRef is a keychain reference only (CredentialStore: service "Liyuan", key
 * "camera/<ref>"); user names and passwords never live in a record.
 */
struct CameraRecord
{
    QString id;
    QString name;
    QString department;
    QStringList tags;
    /** In crs (units of the CRS: degrees lon/lat for a geographic one, feet for a US-feet one; z in the same linear unit, metres for geographic). */
    Vec3d position;
    /** The record's own CRS ("EPSG:4326"…); empty: the registry's. */
    QString crs;
    /** z is a height above the ground under (x, y) rather than an elevation. */
    bool heightAboveGround = false;
    double heading = 0.0;
    double pitch = 0.0;
    double roll = 0.0;
    double hfov = 60.0;
    double aspect = 16.0 / 9.0;
    double nearM = 0.5;
    double farM = 150.0;
    PtzLimits ptz;
    QString mainUrl;
    QString subUrl;
    QString credentialRef;
    /** The pose in the scene frame (valid when resolved). */
    CameraPose scenePose;
    bool resolved = false;
};

} // namespace liyuan::cameras
