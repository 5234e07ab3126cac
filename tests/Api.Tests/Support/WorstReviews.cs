using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Api.Tests.Emulated;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>
/// Issue 12's worst admission reviews: 300,000+ duplicate images, an update whose object and
/// old object are each half the body, a megabyte name, a pod with tens of thousands of
/// containers. Routes are the imagecache-api's (admission/imagecaches, admission/pods).
/// </summary>
internal static class WorstReviews
{
    public const string ImageCachesRoute = "admission/imagecaches";
    public const string PodsRoute = "admission/pods";

    /// <summary>The reviews that cost the most before issue 12, each filled up to <paramref name="bodyLimit"/> bytes.</summary>
    public static List<(string Route, byte[] Body)> UpTo(int bodyLimit)
    {
        var room = bodyLimit - 4096;
        // 300,000+ duplicate images (the attack's review), as many as fit.
        var duplicates = Fill(HostileAdmissionTests.Cache("dupes", []), room, "nginx");
        // An update whose object and old object each hold half of the body.
        var update = JsonNode.Parse(HostileAdmissionTests.Review(Fill(HostileAdmissionTests.Cache("upd", []), room / 2, "busybox:1.36")))!;
        update["request"]!["operation"] = "UPDATE";
        update["request"]!["oldObject"] = Fill(HostileAdmissionTests.Cache("upd", []), room / 2, "busybox:1.36");
        // A denied review whose name is a megabyte.
        var name = new string('n', 1024 * 1024);
        var pods = PodReview(room);
        return
        [
            (ImageCachesRoute, Encoding.UTF8.GetBytes(HostileAdmissionTests.Review(duplicates))),
            (ImageCachesRoute, Encoding.UTF8.GetBytes(update.ToJsonString())),
            (ImageCachesRoute, Encoding.UTF8.GetBytes(HostileAdmissionTests.Review(HostileAdmissionTests.Cache(name, ["Bad_Image"]), name: null))),
            (PodsRoute, Encoding.UTF8.GetBytes(pods)),
        ];
    }

    private static JsonObject Fill(JsonObject cache, int bytes, string image)
    {
        var images = cache["spec"]!["images"]!.AsArray();
        for (var used = 0; used < bytes; used += image.Length + 3)
        {
            images.Add(image);
        }

        return cache;
    }

    private static string PodReview(int bytes)
    {
        var containers = new JsonArray();
        const string Container = """{"name":"c","image":"nginx:1.25"},""";
        for (var used = 0; used < bytes; used += Container.Length)
        {
            containers.Add(new JsonObject { ["name"] = "c", ["image"] = "nginx:1.25" });
        }

        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "p", ["annotations"] = new JsonObject { [PodAnnotations.AutoImageCache] = "true" } },
            ["spec"] = new JsonObject { ["containers"] = containers },
        };
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["operation"] = "CREATE",
                ["namespace"] = "default",
                ["name"] = "p",
                ["object"] = pod,
            },
        }.ToJsonString();
    }
}
