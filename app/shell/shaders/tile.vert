// Tile material, vertex stage (Qt Quick 3D CustomMaterial snippet).
// World space here is Qt's Y-up space: the scene frame (x east, y north, z up) maps to
// (x, z, -y). Polygons (scene frame, from SceneClipping) are read from polyTex:
// texel 2i = (first vertex texel, vertex count, mode + 16 * slot, height), 2i+1 = bbox (minx, miny,
// maxx, maxy), vertices as (x, y, 0, 0). Mode 0 flattens the photogrammetry inside to `height` in
// the view whose schemeSlot is the polygon's slot (0 main view, 1 the compared scheme's view).
VARYING vec3 vScene;   // scene-frame position before any lift (for clipping and slicing)
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;  // 1 inside a focus polygon (or none), 0 outside: per vertex, cheap
VARYING vec3 vNormal;  // lit meshes: the normal in the scene frame (NORMAL_MATRIX carries the
                       // dataset's rotation and scale and the Y-up parent); zero for the others

vec4 polyTexel(int k)
{
    return texelFetch(polyTex, ivec2(k % 512, k / 512), 0);
}

bool insidePolygon(int p, vec2 q)
{
    vec4 d = polyTexel(2 * p);
    vec4 b = polyTexel(2 * p + 1);
    if (q.x < b.x || q.y < b.y || q.x > b.z || q.y > b.w)
        return false;
    int first = int(d.x);
    int n = int(d.y);
    bool inside = false;
    vec2 a = polyTexel(first + n - 1).xy;
    for (int i = 0; i < n; ++i) {
        vec2 c = polyTexel(first + i).xy;
        if (((c.y > q.y) != (a.y > q.y)) && (q.x < (a.x - c.x) * (q.y - c.y) / (a.y - c.y) + c.x))
            inside = !inside;
        a = c;
    }
    return inside;
}

void MAIN()
{
    vec4 w = MODEL_MATRIX * vec4(VERTEX, 1.0);
    vec3 s = vec3(w.x, -w.z, w.y);
    if (flattenOn) {
        for (int p = 0; p < polyCount; ++p) {
            vec4 d = polyTexel(2 * p);
            if (int(d.z) == 16 * schemeSlot && s.z > d.w && insidePolygon(p, s.xy))
                s.z = d.w;
        }
    }
    vFocus = 1.0;
    if (focusOn) {
        vFocus = 0.0;
        for (int p = 0; p < polyCount; ++p) {
            vec4 d = polyTexel(2 * p);
            if (int(d.z) == 2 && insidePolygon(p, s.xy)) {
                vFocus = 1.0;
                break;
            }
        }
    }
    vNormal = vec3(0.0);
    if (lit) {
        vec3 n = NORMAL_MATRIX * NORMAL;
        vNormal = vec3(n.x, -n.z, n.y);
    }
    vScene = s;
    vUv = UV0;
    vColor = COLOR;
    POSITION = VIEWPROJECTION_MATRIX * vec4(s.x, s.z + lift, -s.y, 1.0);
}
