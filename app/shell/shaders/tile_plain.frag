// Tile material, fragment stage, when nothing is clipped, sliced or faded: no discard (a
// software rasteriser keeps its early depth test) and no polygon loop.
VARYING vec3 vScene;
VARYING vec2 vUv;
VARYING vec4 vColor;
VARYING float vFocus;

void MAIN()
{
    vec4 c = hasMap ? texture(baseMap, vUv) * baseColor : baseColor;
    if (vertexColors)
        c *= vColor;
    FRAGCOLOR = vec4(c.rgb, c.a * layerOpacity);
}
