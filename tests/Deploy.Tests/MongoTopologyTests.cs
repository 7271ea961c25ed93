using System.Text.RegularExpressions;
using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed partial class MongoTopologyTests
{
    private readonly Manifests _manifests = Manifests.Load();

    private Uri ConnectionString => new(_manifests.EnvironmentValue("HaScheduler__Mongo__ConnectionString"));

    private YamlDotNet.RepresentationModel.YamlMappingNode StatefulSet => _manifests.Get("StatefulSet", "mongodb");

    [Fact]
    public void Connection_string_host_should_name_a_statefulset_member_of_the_headless_service_when_resolved()
    {
        var serviceName = Yaml.Text(StatefulSet, "spec", "serviceName");
        var replicas = Yaml.Int(StatefulSet, "spec", "replicas");
        var statefulSetName = Yaml.Text(StatefulSet, "metadata", "name");

        var memberHosts = Enumerable.Range(0, replicas)
            .Select(ordinal => $"{statefulSetName}-{ordinal}.{serviceName}")
            .Select(member => $"{member}.{Manifests.Namespace}.svc.cluster.local");

        Assert.Contains(ConnectionString.Host, memberHosts);
        Assert.Equal(MongoPort(), ConnectionString.Port);
    }

    [Fact]
    public void Connection_string_replica_set_should_equal_the_mongod_repl_set_when_connecting()
    {
        var args = Yaml.Texts(MongodContainer(), "args");

        var replSet = args[args.ToList().IndexOf("--replSet") + 1];

        Assert.Equal($"replicaSet={replSet}", ConnectionString.Query.TrimStart('?'));
        Assert.Contains("--bind_ip_all", args);
    }

    [Fact]
    public void Mongo_service_should_be_headless_and_select_the_statefulset_when_members_resolve_before_ready()
    {
        var service = _manifests.Get("Service", Yaml.Text(StatefulSet, "spec", "serviceName"));

        var selector = Yaml.Pairs(service, "spec", "selector");
        var podLabels = Yaml.Pairs(StatefulSet, "spec", "template", "metadata", "labels");

        Assert.Equal("None", Yaml.Text(service, "spec", "clusterIP"));
        Assert.Equal("true", Yaml.Text(service, "spec", "publishNotReadyAddresses"));
        Assert.True(Manifests.Selects(selector, podLabels));
        Assert.Equal(MongoPort(), Yaml.Int(Assert.Single(Yaml.Seq(service, "spec", "ports")), "port"));
    }

    [Fact]
    public void Statefulset_should_keep_data_on_a_claim_when_the_pod_is_replaced()
    {
        var claim = Assert.Single(Yaml.Seq(StatefulSet, "spec", "volumeClaimTemplates"));

        var mount = Yaml.Seq(MongodContainer(), "volumeMounts")
            .Single(item => Yaml.Text(item, "mountPath") == "/data/db");

        Assert.Equal(Yaml.Text(claim, "metadata", "name"), Yaml.Text(mount, "name"));
        Assert.Equal("mongo:7.0", Yaml.Text(MongodContainer(), "image"));
    }

    [Fact]
    public void Init_job_should_initiate_the_connection_string_member_when_not_yet_initialized()
    {
        var container = InitContainer();

        var script = string.Join("\n", Yaml.Texts(container, "command"));
        var hostVariable = Yaml.Seq(container, "env").Single(item => Yaml.Text(item, "name") == "MONGO_HOST");
        var initiate = InitiateCall().Match(script);

        Assert.Equal("mongo:7.0", Yaml.Text(container, "image"));
        Assert.Contains("mongosh", script);
        Assert.Contains("rs.status()", script);
        Assert.Contains("\"NotYetInitialized\"", script);
        Assert.True(initiate.Success, "No rs.initiate({_id:..., host:...}) call in the init Job.");
        Assert.Equal("rs0", initiate.Groups["set"].Value);
        Assert.Equal($"{ConnectionString.Host}:{ConnectionString.Port}", initiate.Groups["host"].Value);
        Assert.Equal(initiate.Groups["host"].Value, Yaml.Text(hostVariable, "value"));
    }

    [Fact]
    public void Init_job_should_retry_when_mongodb_is_not_up_yet()
    {
        var job = _manifests.Get("Job", "mongodb-rs-init");

        var restartPolicy = Yaml.Text(job, "spec", "template", "spec", "restartPolicy");

        Assert.Equal("OnFailure", restartPolicy);
        Assert.True(Yaml.Int(job, "spec", "backoffLimit") > 0);
        Assert.True(Yaml.Int(job, "spec", "activeDeadlineSeconds") > 0, "An unbounded wait would hang `make up`.");
    }

    [GeneratedRegex(
        """rs\.initiate\(\{\s*_id\s*:\s*"(?<set>[^"]+)".*?host\s*:\s*"(?<host>[^"]+)"\s*\}""",
        RegexOptions.Singleline)]
    private static partial Regex InitiateCall();

    private YamlDotNet.RepresentationModel.YamlNode MongodContainer() =>
        Assert.Single(Yaml.Seq(StatefulSet, "spec", "template", "spec", "containers"));

    private YamlDotNet.RepresentationModel.YamlNode InitContainer() =>
        Assert.Single(
            Yaml.Seq(_manifests.Get("Job", "mongodb-rs-init"), "spec", "template", "spec", "containers"));

    private int MongoPort() => Yaml.Int(Assert.Single(Yaml.Seq(MongodContainer(), "ports")), "containerPort");
}
