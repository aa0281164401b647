// Tile material, fragment stage of lit meshes (models) while video projections are drawn:
// tile_lit.frag (keep the two in step) with the projected pictures mixed in after the lighting
// (a picture carries its own light).
VARYING vec3 vScene;
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;
VARYING vec3 vNormal;
VARYING vec4 vProj0; // the drawn projectors' clip coordinates (tile_video.vert)
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

// Lit meshes (models): a fixed afternoon sun from the south-west, 45 degrees high, a sky/ground
// hemisphere ambient, Lambert diffuse (scaled by 1 - metallic) and GGX specular (Smith-Schlick
// visibility, Schlick Fresnel, F0 = mix(0.04, albedo, metallic)) plus emissive; in the scene frame
// (x east, y north, z up). Colours are squared into (about) linear light and square-rooted back,
// so a face lit by the sun keeps about its base colour and one in shade about half of it.
vec3 sunlit(vec3 albedo, vec3 s, vec3 normal)
{
    const vec3 L = vec3(-0.5, -0.5, 0.70710678); // towards the sun
    const vec3 SUN = vec3(1.0, 0.96, 0.9);
    vec3 cam = vec3(CAMERA_POSITION.x, -CAMERA_POSITION.z, CAMERA_POSITION.y);
    vec3 v = normalize(cam - vec3(s.xy, s.z + lift));
    float n2 = dot(normal, normal);
    vec3 n = n2 > 1e-12 ? normal * inversesqrt(n2) : vec3(0.0, 0.0, 1.0);
    if (dot(n, v) < 0.0)
        n = -n; // double-sided: the side in view
    vec3 a = albedo * albedo;
    float m = clamp(metallic, 0.0, 1.0);
    float r = clamp(roughness, 0.05, 1.0);
    vec3 f0 = mix(vec3(0.04), a, m);
    vec3 sky = mix(vec3(0.2, 0.19, 0.17), vec3(0.42, 0.46, 0.52), 0.5 + 0.5 * n.z);
    float nl = max(dot(n, L), 0.0);
    float nv = max(dot(n, v), 1e-3);
    vec3 h = normalize(L + v);
    float nh = max(dot(n, h), 0.0);
    float a2 = r * r * r * r;
    float d = nh * nh * (a2 - 1.0) + 1.0;
    float k = (r + 1.0) * (r + 1.0) * 0.125;
    float vis = 0.25 / ((nl * (1.0 - k) + k) * (nv * (1.0 - k) + k));
    float w = 1.0 - max(dot(v, h), 0.0);
    vec3 f = f0 + (1.0 - f0) * (w * w * w * w * w);
    vec3 diffuse = a * (1.0 - m);
    // SUN is the sun's irradiance over pi: diffuse = albedo SUN nl, specular = pi D Vis F SUN nl
    vec3 c = (diffuse + f0) * sky + SUN * nl * (diffuse * (1.0 - f) + f * (a2 / (d * d)) * vis);
    return sqrt(c + max(emissive, vec3(0.0)));
}

// Video fusion (VideoProjectors, liyuan.fusion): up to four pictures projected from their
// cameras' poses. For each projector (its clip coordinates from tile_video.vert; row k of
// fusionParams: (position, slot), (near, far, metres per depth texel per metre)) a fragment in its frustum,
// facing it (geometric normal from the derivatives, turned to the viewer) and not farther from
// it than its depth map (2 x 2 texels, bias growing with distance and slope) takes the picture,
// faded over `fusionSoftness` of the half-frame at the border and by `fusionOpacity`.
// Only in the *_video*.frag stages: the others never pay for it.
float fusionDepthAt(int slot, ivec2 t)
{
    ivec2 sz = ivec2(fusionDepthSize);
    t = clamp(t, ivec2(0), sz - ivec2(1));
    return texelFetch(fusionDepth, ivec2(t.x, slot * sz.y + t.y), 0).r;
}

vec3 fused(vec3 base, vec3 s)
{
    vec3 n = cross(dFdx(s), dFdy(s));
    vec3 cam = vec3(CAMERA_POSITION.x, -CAMERA_POSITION.z, CAMERA_POSITION.y);
    if (dot(n, cam - s) < 0.0)
        n = -n; // the side in view
    float nn = dot(n, n);
    n = nn > 1e-20 ? n * inversesqrt(nn) : vec3(0.0, 0.0, 1.0);
    vec2 halfTexel = 1.0 / vec2(textureSize(fusionFrames, 0));
    for (int k = 0; k < fusionCount; ++k) {
        vec4 c = k == 0 ? vProj0 : k == 1 ? vProj1 : k == 2 ? vProj2 : vProj3;
        vec4 p = texelFetch(fusionParams, ivec2(4, k), 0);
        vec4 q = texelFetch(fusionParams, ivec2(5, k), 0);
        float d = c.w; // distance along the projector's view direction
        vec2 ndc = c.xy / max(d, 1e-6);
        vec2 e = 1.0 - abs(ndc);
        vec3 toP = p.xyz - s;
        float cosA = dot(n, toP) / max(length(toP), 1e-6);
        if (d > q.x && d < q.y && e.x > 0.0 && e.y > 0.0 && cosA > 0.0) {
            int slot = int(p.w + 0.5);
            vec2 t = vec2((ndc.x + 1.0) * 0.5 * fusionDepthSize.x, (1.0 - ndc.y) * 0.5 * fusionDepthSize.y) - 0.5;
            vec2 f = fract(t);
            ivec2 i = ivec2(floor(t));
            float sinA = sqrt(max(1.0 - cosA * cosA, 0.0));
            float bias = 0.1 + 0.003 * d + 1.5 * d * q.z * sinA / max(cosA, 0.05);
            float v00 = step(d, fusionDepthAt(slot, i) + bias);
            float v10 = step(d, fusionDepthAt(slot, i + ivec2(1, 0)) + bias);
            float v01 = step(d, fusionDepthAt(slot, i + ivec2(0, 1)) + bias);
            float v11 = step(d, fusionDepthAt(slot, i + ivec2(1, 1)) + bias);
            float vis = mix(mix(v00, v10, f.x), mix(v01, v11, f.x), f.y);
            float edge = fusionSoftness > 0.0 ? smoothstep(0.0, fusionSoftness, min(e.x, e.y)) : 1.0;
            float farFade = 1.0 - smoothstep(0.9 * q.y, q.y, d);
            vec2 uv = clamp(vec2(ndc.x * 0.5 + 0.5, 0.5 - ndc.y * 0.5), halfTexel, 1.0 - halfTexel);
            vec2 cell = vec2(float(slot - 2 * (slot / 2)), float(slot / 2));
            vec3 video = textureLod(fusionFrames, (cell + uv) * 0.5, 0.0).rgb;
            base = mix(base, video, clamp(fusionOpacity, 0.0, 1.0) * vis * edge * farFade);
        }
    }
    return base;
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
    c.rgb = sunlit(c.rgb, s, vNormal);
    c.rgb = fused(c.rgb, s);
    if (faded || ghost) {
        float g = dot(c.rgb, vec3(0.299, 0.587, 0.114));
        c.rgb = mix(vec3(g), vec3(0.92, 0.94, 0.97), 0.55);
    }
    FRAGCOLOR = vec4(c.rgb, c.a * layerOpacity * (ghost ? 0.35 : 1.0));
}
