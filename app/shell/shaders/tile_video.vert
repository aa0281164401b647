// Tile material, vertex stage while video projections are drawn: tile.vert (keep the two in
// step) plus each drawn projector's clip coordinates of the vertex (vProj0…3, fusionParams
// rows 0…3: exact under interpolation, clip coordinates being linear in the position).
VARYING vec3 vScene;   // scene-frame position before any lift (for clipping and slicing)
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;  // 1 inside a focus polygon (or none), 0 outside: per vertex, cheap
VARYING vec3 vNormal;  // lit meshes: the normal in the scene frame (NORMAL_MATRIX carries the
                       // dataset's rotation and scale and the Y-up parent); zero for the others
VARYING vec4 vProj0; // projector k: fusionMatrix(k) * (scene position, 1)
VARYING vec4 vProj1;
VARYING vec4 vProj2;
VARYING vec4 vProj3;

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

mat4 fusionMatrix(int k)
{
    return mat4(texelFetch(fusionParams, ivec2(0, k), 0), texelFetch(fusionParams, ivec2(1, k), 0),
                texelFetch(fusionParams, ivec2(2, k), 0), texelFetch(fusionParams, ivec2(3, k), 0));
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
    vProj0 = fusionCount > 0 ? fusionMatrix(0) * vec4(s, 1.0) : vec4(0.0);
    vProj1 = fusionCount > 1 ? fusionMatrix(1) * vec4(s, 1.0) : vec4(0.0);
    vProj2 = fusionCount > 2 ? fusionMatrix(2) * vec4(s, 1.0) : vec4(0.0);
    vProj3 = fusionCount > 3 ? fusionMatrix(3) * vec4(s, 1.0) : vec4(0.0);
    vUv = UV0;
    vColor = COLOR;
    POSITION = VIEWPROJECTION_MATRIX * vec4(s.x, s.z + lift, -s.y, 1.0);
}
