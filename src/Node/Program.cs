using HaScheduler.Node.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHaSchedulerNode();

var app = builder.Build();
app.MapHaSchedulerNode();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
