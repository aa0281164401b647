#!/usr/bin/env python3
"""Writes production5_flight.path: a 20 s flight over the three Production_5 tiles.

OpenSceneGraph AnimationPath text, `time x y z qx qy qz qw`, dataset local frame (Z up).
The tiles form a strip along +y (x 0..100, y 1200..1500, ground ~0 m, roofs up to ~52 m).
The camera rotation is q = qz(heading) * qx(pitch): pitch 0 looks straight down (-Z, +Y up
on screen), pitch 90 looks level along +Y; heading turns counter-clockwise seen from above
(90 looks along -X). Identity = OSG's AnimationPathManipulator convention, so osgviewer -p
plays the same flight.

  0 s   450 m up over the middle, straight down: all three tiles in view
  0-6   descend towards the south end, tilting forward
  6-14  ~90 m (40-70 m above the roofs) north along the strip, looking ahead and down
  14-17 left U-turn (radius 20 m) at the north end, looking down more steeply mid-turn
  17-20 back south along the west side, climbing
"""
import math
import os
import sys


def quat(pitch_deg, heading_deg):
    p = math.radians(pitch_deg) / 2
    h = math.radians(heading_deg) / 2
    qx = (math.sin(p), 0.0, 0.0, math.cos(p))          # about +X
    qz = (0.0, 0.0, math.sin(h), math.cos(h))          # about +Z
    # Hamilton product qz * qx (apply the pitch first, then the heading)
    ax, ay, az, aw = qz
    bx, by, bz, bw = qx
    return (aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw,
            aw * bw - ax * bx - ay * by - az * bz)


def keyframes():
    k = [
        (0.0, 50, 1350, 450, 0, 0),
        (2.0, 50, 1300, 300, 20, 0),
        (4.0, 52, 1220, 160, 40, 0),
        (6.0, 55, 1190, 95, 55, 0),
        (8.0, 60, 1250, 92, 55, 0),
        (10.0, 64, 1310, 90, 55, 0),
        (12.0, 68, 1370, 90, 55, 0),
        (14.0, 70, 1440, 88, 55, 0),
    ]
    # U-turn to the left around (50, 1440), looking down more steeply mid-turn so the view
    # stays on the 100 m wide strip while it looks across it
    for i in range(1, 5):
        phi = 45.0 * i
        t = 14.0 + 0.75 * i
        x = 50 + 20 * math.cos(math.radians(phi))
        y = 1440 + 20 * math.sin(math.radians(phi))
        pitch = {1: 45, 2: 35, 3: 45, 4: 55}[i]
        k.append((t, x, y, 85, pitch, phi))
    k += [
        (18.5, 30, 1380, 110, 50, 180),
        (20.0, 32, 1320, 150, 45, 180),
    ]
    return k


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                            "production5_flight.path")
    with open(out, "w") as f:
        for t, x, y, z, pitch, heading in keyframes():
            qx, qy, qz, qw = quat(pitch, heading)
            f.write(f"{t:.2f} {x:.3f} {y:.3f} {z:.3f} {qx:.6f} {qy:.6f} {qz:.6f} {qw:.6f}\n")
    print(out)


if __name__ == "__main__":
    main()
