// Review overlay, fragment stage: the vertex colour (alpha blended).
VARYING vec4 vColor;

void MAIN()
{
    FRAGCOLOR = vColor;
}
