namespace ImageCacheFunctions.Hosting.SampleFunctions;

/// <summary>Options validated at start-up, as the project's functions validate theirs.</summary>
public sealed class SampleOptions
{
    public string? Region { get; set; }
}
