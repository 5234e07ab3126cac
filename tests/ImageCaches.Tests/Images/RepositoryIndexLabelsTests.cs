using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Tests.Images;

public sealed class RepositoryIndexLabelsTests
{
    [Fact]
    public void One_label_per_repository_added_stale_ones_removed_others_kept()
    {
        var cache = ImageCache.Create("c", new ImageCacheSpec { Images = ["nginx", "nginx:1.27", "docker.io/library/nginx:latest", "ghcr.io/acme/api:v2", "bad ref!"] });
        var stale = RepositoryIndexLabel.KeyFor("old.example.com/gone");
        cache.Metadata.Labels = new Dictionary<string, string> { [stale] = "gone", ["team"] = "a" };

        var changes = RepositoryIndexLabels.Changes(cache);

        var nginx = RepositoryIndexLabel.For(ImageReference.Parse("nginx"));
        var api = RepositoryIndexLabel.For(ImageReference.Parse("ghcr.io/acme/api:v2"));
        Assert.Equal(3, changes.Count);
        Assert.Equal(nginx.Value, changes[nginx.Key]);
        Assert.Equal(api.Value, changes[api.Key]);
        Assert.Null(changes[stale]);
        Assert.DoesNotContain("team", changes.Keys);
    }

    [Fact]
    public void An_indexed_object_needs_no_change()
    {
        var cache = ImageCache.Create("c", new ImageCacheSpec { Images = ["registry-vpc.cn-hangzhou.aliyuncs.com/ns/app:v1"] });
        cache.Metadata.Labels = RepositoryIndexLabels.Desired(cache.Spec).ToDictionary();

        Assert.Empty(RepositoryIndexLabels.Changes(cache));
        // The selector of a push through the other endpoint finds it.
        var (key, value) = RepositoryIndexLabel.For(ImageReference.Parse("registry.cn-hangzhou.aliyuncs.com/ns/app:v9"));
        Assert.Equal(value, cache.Metadata.Labels[key]);
    }
}
