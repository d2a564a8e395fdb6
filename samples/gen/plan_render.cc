#include "plan_render.h"

#include <utility>

#include "json_writer.h"

namespace sparkdx::samples {
namespace {

// A node as one version of the plan shows it: a node of the SqlSpec, or one
// AQE adds (query stages, AQEShuffleRead).
struct ViewNode {
  int32_t node = -1;  // index into SqlSpec::nodes; -1: added by AQE
  std::string name, simple, detail;
  int32_t aqe_read_of = -1;  // AQEShuffleRead: the exchange node whose read it is
  std::vector<ViewNode> children;
  int32_t number = 0;  // operator number in the description (0: a wrapper, not numbered)
};

class Renderer {
 public:
  Renderer(const SqlSpec& sql, PlanVersion version) : sql_(sql), version_(version) {}

  ViewNode Build(int32_t index) {
    const PlanNode& n = sql_.nodes[static_cast<size_t>(index)];
    if (version_ == PlanVersion::kAdaptiveInitial && n.physical_only) return Build(n.children[0]);
    ViewNode v;
    v.node = index;
    for (int32_t child : n.children) v.children.push_back(Build(child));
    if (version_ != PlanVersion::kAdaptiveFinal) return v;
    if (n.name == "Exchange") {
      ViewNode stage = QueryStage("ShuffleQueryStage", std::move(v));
      if (n.aqe_partitions == 0) return stage;
      ViewNode read;
      read.name = "AQEShuffleRead";
      read.simple = "AQEShuffleRead coalesced";
      read.detail = "Arguments: coalesced\n";
      read.aqe_read_of = index;
      read.children.push_back(std::move(stage));
      return read;
    }
    if (n.name == "BroadcastExchange") return QueryStage("BroadcastQueryStage", std::move(v));
    return v;
  }

  bool IsWrapper(const ViewNode& v) const { return v.node >= 0 && Node(v).wrapper; }
  const PlanNode& Node(const ViewNode& v) const { return sql_.nodes[static_cast<size_t>(v.node)]; }
  const std::string& Name(const ViewNode& v) const { return v.node >= 0 ? Node(v).name : v.name; }

  void Number(ViewNode* v, int32_t* counter) {
    for (ViewNode& child : v->children) Number(&child, counter);
    if (!IsWrapper(*v)) v->number = ++*counter;
  }

  // Spark's generateTreeString: ":- " for a child with siblings after it,
  // "+- " for the last; below them ":  " or "   ". Wrappers are not drawn.
  void Draw(const ViewNode& view, const std::string& prefix, const std::string& connector, std::string* out) const {
    const ViewNode* v = &view;
    while (IsWrapper(*v)) v = &v->children[0];
    out->append(prefix).append(connector);
    if (Marked(*v)) out->append("* ");
    out->append(Name(*v)).append(" (").append(std::to_string(v->number)).append(")\n");
    std::string child_prefix = prefix + (connector.empty() ? "" : connector == "+- " ? "   " : ":  ");
    for (size_t i = 0; i < v->children.size(); ++i) {
      Draw(v->children[i], child_prefix, i + 1 == v->children.size() ? "+- " : ":- ", out);
    }
  }

  void Sections(const ViewNode& v, std::vector<std::pair<int32_t, std::string>>* out) const {
    for (const ViewNode& child : v.children) Sections(child, out);
    if (v.number == 0) return;
    std::string s = "(" + std::to_string(v.number) + ") " + Name(v);
    if (Marked(v)) s += " [codegen id : " + std::to_string(Node(v).codegen_id) + "]";
    s += "\n" + (v.node >= 0 ? Node(v).detail : v.detail) + "\n";
    out->push_back({v.number, std::move(s)});
  }

  void Json(const ViewNode& v, const PlanIds& ids, JsonWriter* w) const {
    w->Object();
    if (v.node >= 0) {
      const PlanNode& n = Node(v);
      w->Str("nodeName", n.name).Str("simpleString", n.simple);
    } else {
      w->Str("nodeName", v.name).Str("simpleString", v.simple);
    }
    w->Array("children");
    for (const ViewNode& child : v.children) Json(child, ids, w);
    w->End().Raw("metadata", v.node >= 0 ? Node(v).metadata : "{}").Array("metrics");
    if (v.node >= 0) {
      const PlanNode& n = Node(v);
      for (size_t i = 0; i < n.metrics.size(); ++i) {
        w->Object()
            .Str("name", n.metrics[i].name)
            .Int("accumulatorId", ids.metric_ids[static_cast<size_t>(v.node)][i])
            .Str("metricType", n.metrics[i].type)
            .End();
      }
    } else if (v.aqe_read_of >= 0) {
      for (size_t i = 0; i < 3; ++i) {
        w->Object()
            .Str("name", kAqeReadMetricNames[i])
            .Int("accumulatorId", ids.aqe_read_ids[static_cast<size_t>(v.aqe_read_of)][i])
            .Str("metricType", kAqeReadMetricTypes[i])
            .End();
      }
    }
    w->End().End();
  }

 private:
  bool Marked(const ViewNode& v) const {
    return version_ != PlanVersion::kAdaptiveInitial && v.node >= 0 && Node(v).codegen_id > 0;
  }

  ViewNode QueryStage(const char* kind, ViewNode child) {
    ViewNode stage;
    stage.name = kind;
    stage.simple = std::string(kind) + " " + std::to_string(next_stage_);
    stage.detail = "Arguments: " + std::to_string(next_stage_) + "\n";
    ++next_stage_;
    stage.children.push_back(std::move(child));
    return stage;
  }

  const SqlSpec& sql_;
  PlanVersion version_;
  int32_t next_stage_ = 0;
};

void AppendSections(const Renderer& r, const ViewNode& root, std::string* out) {
  std::vector<std::pair<int32_t, std::string>> sections;
  r.Sections(root, &sections);
  for (const auto& [number, text] : sections) out->append(text);
}

std::string AdaptiveSection(int32_t number, bool final_plan) {
  return "(" + std::to_string(number) +
         ") AdaptiveSparkPlan\nOutput: []\nArguments: isFinalPlan=" + (final_plan ? "true" : "false") + "\n\n";
}

}  // namespace

std::string PlanDescription(const SqlSpec& sql, PlanVersion version) {
  std::string out = "== Physical Plan ==\n";
  int32_t counter = 0;
  Renderer r(sql, version);
  ViewNode root = r.Build(sql.root);
  r.Number(&root, &counter);
  if (version == PlanVersion::kPlain) {
    r.Draw(root, "", "", &out);
    out += "\n\n";
    AppendSections(r, root, &out);
    return out;
  }
  if (version == PlanVersion::kAdaptiveInitial) {
    out += "AdaptiveSparkPlan (" + std::to_string(counter + 1) + ")\n";
    r.Draw(root, "", "+- ", &out);
    out += "\n\n";
    AppendSections(r, root, &out);
    out += AdaptiveSection(counter + 1, false);
    return out;
  }
  // Current or final plan, then the initial plan numbered after it.
  Renderer initial_renderer(sql, PlanVersion::kAdaptiveInitial);
  ViewNode initial = initial_renderer.Build(sql.root);
  initial_renderer.Number(&initial, &counter);
  bool final_plan = version == PlanVersion::kAdaptiveFinal;
  out += "AdaptiveSparkPlan (" + std::to_string(counter + 1) + ")\n";
  out += final_plan ? "+- == Final Plan ==\n" : "+- == Current Plan ==\n";
  r.Draw(root, "   ", "", &out);
  out += "+- == Initial Plan ==\n";
  initial_renderer.Draw(initial, "   ", "", &out);
  out += "\n\n";
  AppendSections(r, root, &out);
  AppendSections(initial_renderer, initial, &out);
  out += AdaptiveSection(counter + 1, final_plan);
  return out;
}

std::string PlanInfoJson(const SqlSpec& sql, const PlanIds& ids, PlanVersion version) {
  Renderer r(sql, version);
  ViewNode root = r.Build(sql.root);
  JsonWriter w;
  if (version == PlanVersion::kPlain) {
    r.Json(root, ids, &w);
    return w.Take();
  }
  w.Object()
      .Str("nodeName", "AdaptiveSparkPlan")
      .Str("simpleString",
           std::string("AdaptiveSparkPlan isFinalPlan=") + (version == PlanVersion::kAdaptiveFinal ? "true" : "false"))
      .Array("children");
  r.Json(root, ids, &w);
  w.End().Object("metadata").End().Array("metrics").End().End();
  return w.Take();
}

}  // namespace sparkdx::samples
