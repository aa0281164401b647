// Post-processing pass of the compared scheme's view (CompareView.qml): the view renders
// offscreen, where translucent layers (heritage-zone volumes) leave alpha < 1 in its texture;
// the window would then show the sky through it. Keep the colour, make it opaque, like the
// main view that draws straight into the window.
void MAIN()
{
    FRAGCOLOR = vec4(texture(INPUT, INPUT_UV).rgb, 1.0);
}
