namespace ImageCacheFunctions.ImageCaches.Refresh;

/// <summary>The decision for one image of one ImageCache and one push.</summary>
/// <param name="SpecImage">The image as written in spec.images.</param>
/// <param name="Push">The push it is about.</param>
/// <param name="Kind">What the push means for that image.</param>
/// <param name="Reason">Why, in words (for the summary, the Event and the log).</param>
public sealed record ImageRefreshDecision(string SpecImage, ImagePush Push, RefreshDecisionKind Kind, string Reason)
{
    public bool RequestsRefresh => Kind == RefreshDecisionKind.Refresh;
}
