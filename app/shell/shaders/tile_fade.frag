// Tile material, fragment stage, when the view is only faded around a focused building
// (focus decided per vertex) or the mesh is ghosted: no discard, no polygon loop.
VARYING vec3 vScene;
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;

void MAIN()
{
    vec4 c = hasMap ? texture(baseMap, vUv) * baseColor : baseColor;
    if (vertexColors)
        c *= vColor;
    if ((focusOn && vFocus < 0.5) || ghost) {
        float g = dot(c.rgb, vec3(0.299, 0.587, 0.114));
        c.rgb = mix(vec3(g), vec3(0.92, 0.94, 0.97), 0.55);
    }
    FRAGCOLOR = vec4(c.rgb, c.a * layerOpacity * (ghost ? 0.35 : 1.0));
}
