// Review overlay (measurements, sightlines, violation outlines), vertex stage: vertex
// colours, and the depth pulled toward the viewer so the lines draw over the meshes they
// lie on (clip z scaled down: in front of everything farther than twice the near plane).
VARYING vec4 vColor;

void MAIN()
{
    vColor = COLOR;
    POSITION = MODELVIEWPROJECTION_MATRIX * vec4(VERTEX, 1.0);
    if (onTop)
        POSITION.z = POSITION.z * 0.001;
}
