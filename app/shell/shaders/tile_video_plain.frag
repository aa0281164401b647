// Tile material, fragment stage while video projections are drawn and nothing is clipped or
// sliced: tile_fade.frag (no discard, no polygon loop; keep the two in step) with the projected
// pictures mixed in (fused()).
VARYING vec3 vScene;
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;
VARYING vec4 vProj0; // the drawn projectors' clip coordinates (tile_video.vert)
VARYING vec4 vProj1;
VARYING vec4 vProj2;
VARYING vec4 vProj3;

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
    vec4 c = hasMap ? texture(baseMap, vUv) * baseColor : baseColor;
    if (vertexColors)
        c *= vColor;
    c.rgb = fused(c.rgb, vScene);
    if ((focusOn && vFocus < 0.5) || ghost) {
        float g = dot(c.rgb, vec3(0.299, 0.587, 0.114));
        c.rgb = mix(vec3(g), vec3(0.92, 0.94, 0.97), 0.55);
    }
    FRAGCOLOR = vec4(c.rgb, c.a * layerOpacity * (ghost ? 0.35 : 1.0));
}
