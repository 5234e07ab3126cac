using System.Reflection;
using ImageCacheFunctions.Functions.PruneExpired;
using Microsoft.Azure.Functions.Worker;
using YamlDotNet.RepresentationModel;

namespace ImageCacheFunctions.Prune.Tests;

/// <summary>The cron-connector's schedule in stack.yml and the function's TimerTrigger are one schedule.</summary>
public sealed class StackScheduleTests
{
    [Fact]
    public void Stack_yml_schedules_prune_expired_hourly_as_its_TimerTrigger_does()
    {
        var stack = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), "stack.yml")))
        {
            stack.Load(reader);
        }

        var function = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stack.Documents[0].RootNode)["functions"])["prune-expired"];
        var annotations = (YamlMappingNode)function["annotations"];
        Assert.Equal("cron-function", annotations["topic"].ToString());
        Assert.Equal("0 * * * *", annotations["schedule"].ToString());

        var trigger = typeof(PruneFunctions).GetMethod(nameof(PruneFunctions.RunOnSchedule))!
            .GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!;
        // NCRONTAB has a leading seconds field; at second 0 the rest is the cron-connector's expression.
        Assert.Equal("0 " + annotations["schedule"], trigger.Schedule);
    }

    // Recorded at build time: the build output may be outside the repository (--artifacts-path).
    private static string RepositoryRoot() =>
        typeof(StackScheduleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
