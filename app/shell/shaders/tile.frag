// Tile material, fragment stage (unshaded). Discards what clip polygons (mode 1, of this
// view's schemeSlot: the descriptor's mode is mode + 16 * slot), the
// clipping box, the section plane or a floor slice remove; fades what lies outside the
// focus polygons (mode 2) and hides what lies inside mode-3 polygons (an exploded
// building is drawn by its slices instead).
VARYING vec3 vScene;
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;

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
    vec3 s = vScene;
    if (sliceOn) {
        if (s.z < sliceZ0 || s.z > sliceZ1)
            discard;
        if (slicePoly >= 0 && !insidePolygon(slicePoly, s.xy))
            discard;
    }
    if (boxOn && (any(lessThan(s, boxMin)) || any(greaterThan(s, boxMax))))
        discard;
    if (planeOn && dot(plane.xyz, s) + plane.w > 0.0)
        discard;
    if (clipOn || hideOn) {
        for (int p = 0; p < polyCount; ++p) {
            int mode = int(polyTexel(2 * p).z);
            if (((mode == 1 + 16 * schemeSlot && clipOn) || (mode == 3 && hideOn)) && insidePolygon(p, s.xy))
                discard;
        }
    }
    bool faded = focusOn && vFocus < 0.5;
    vec4 c = hasMap ? texture(baseMap, vUv) * baseColor : baseColor;
    if (vertexColors)
        c *= vColor;
    if (faded || ghost) {
        float g = dot(c.rgb, vec3(0.299, 0.587, 0.114));
        c.rgb = mix(vec3(g), vec3(0.92, 0.94, 0.97), 0.55);
    }
    FRAGCOLOR = vec4(c.rgb, c.a * layerOpacity * (ghost ? 0.35 : 1.0));
}
