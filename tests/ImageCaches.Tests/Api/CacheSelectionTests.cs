using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Tests.Api;

/// <summary>Both annotation generations, the explicit id winning, and the refinements of automatic match.</summary>
public sealed class CacheSelectionTests
{
    private const string SnapshotId = "k8s.aliyun.com/eci-image-snapshot-id";
    private const string ImageCache = "k8s.aliyun.com/eci-image-cache";
    private const string ImcId = "k8s.aliyun.com/eci-imc-id";
    private const string AutoImc = "k8s.aliyun.com/eci-auto-imc";

    public static TheoryData<string, CacheSelectionMode, AnnotationGeneration, string?, bool, bool> Cases() => new()
    {
        // annotations (k=v;k=v), mode, generation, explicit id, auto-match requested, explicit wins
        { "", CacheSelectionMode.None, AnnotationGeneration.None, null, false, false },
        { $"{ImageCache}=true", CacheSelectionMode.AutoMatch, AnnotationGeneration.Documentation, null, true, false },
        { $"{AutoImc}=true", CacheSelectionMode.AutoMatch, AnnotationGeneration.Current, null, true, false },
        { $"{AutoImc}=false", CacheSelectionMode.None, AnnotationGeneration.Current, null, false, false },
        { $"{ImageCache}=false", CacheSelectionMode.None, AnnotationGeneration.Documentation, null, false, false },
        { $"{SnapshotId}=imc-a", CacheSelectionMode.Explicit, AnnotationGeneration.Documentation, "imc-a", false, false },
        { $"{ImcId}=imc-b", CacheSelectionMode.Explicit, AnnotationGeneration.Current, "imc-b", false, false },
        { $"{SnapshotId}=imc-a;{ImageCache}=true", CacheSelectionMode.Explicit, AnnotationGeneration.Documentation, "imc-a", true, true },
        { $"{ImcId}=imc-b;{AutoImc}=true", CacheSelectionMode.Explicit, AnnotationGeneration.Current, "imc-b", true, true },
        { $"{SnapshotId}=imc-a;{AutoImc}=true", CacheSelectionMode.Explicit, AnnotationGeneration.Both, "imc-a", true, true },
        { $"{ImcId}=imc-b;{ImageCache}=true", CacheSelectionMode.Explicit, AnnotationGeneration.Both, "imc-b", true, true },
        { $"{ImageCache}=true;{AutoImc}=true", CacheSelectionMode.AutoMatch, AnnotationGeneration.Both, null, true, false },
        { $"{ImageCache}=yes", CacheSelectionMode.None, AnnotationGeneration.Documentation, null, false, false },
        { "app=nginx", CacheSelectionMode.None, AnnotationGeneration.None, null, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Annotations_select_a_mode(string annotations, CacheSelectionMode mode, AnnotationGeneration generation, string? explicitId, bool autoRequested, bool explicitWins)
    {
        var selection = CacheSelection.Read(Parse(annotations));

        Assert.Equal(mode, selection.Mode);
        Assert.Equal(generation, selection.Generation);
        Assert.Equal(explicitId, selection.ExplicitId);
        Assert.Equal(autoRequested, selection.AutoMatchRequested);
        Assert.Equal(explicitWins, selection.ExplicitWins);
    }

    [Fact]
    public void Two_different_ids_are_noted_and_the_current_generation_is_reported()
    {
        var selection = CacheSelection.Read(Parse($"{SnapshotId}=imc-old;{ImcId}=imc-new"));

        Assert.Equal("imc-new", selection.ExplicitId);
        Assert.Equal(ImcId, selection.ExplicitAnnotation);
        Assert.Contains(selection.Notes, n => n.Contains("imc-old", StringComparison.Ordinal) && n.Contains("imc-new", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_is_noted()
    {
        var selection = CacheSelection.Read(Parse($"{ImageCache}=yes"));

        Assert.Contains(selection.Notes, n => n.Contains(ImageCache, StringComparison.Ordinal) && n.Contains("\"yes\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("k8s.aliyun.com/imc-perfect-match=true", true, null)]
    [InlineData("k8s.aliyun.com/imc-match-count-request=2", false, 2)]
    [InlineData("k8s.aliyun.com/imc-perfect-match=true;k8s.aliyun.com/imc-match-count-request=2", true, null)]
    [InlineData("k8s.aliyun.com/imc-match-count-request=zero", false, null)]
    [InlineData("k8s.aliyun.com/imc-match-count-request=0", false, null)]
    public void Perfect_match_and_match_count_become_requirements(string annotations, bool requireAll, int? minimum)
    {
        var selection = CacheSelection.Read(Parse($"{AutoImc}=true;{annotations}"));

        Assert.Equal(requireAll, selection.Requirements.RequireAllImages);
        Assert.Equal(minimum, selection.Requirements.MinimumMatchedImages);
    }

    private static Dictionary<string, string> Parse(string annotations) =>
        annotations.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
}
