#include "skillsim/render/GltfLoader.h"

// The one translation unit compiling tinygltf (Debian libtinygltf-dev). Its JSON parser is
// nlohmann/json (Debian nlohmann-json3-dev, included as <nlohmann/json.hpp>); images are not
// decoded (SkillSim materials are plain colours), so stb_image is declared but not needed here.
#define TINYGLTF_IMPLEMENTATION
#define TINYGLTF_NO_STB_IMAGE_WRITE
#define TINYGLTF_NO_INCLUDE_STB_IMAGE_WRITE
#include <tiny_gltf.h>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace skillsim::render {
namespace {

core::Expected<void> invalid(const std::string& path, std::string message) {
  return core::makeError(core::ErrorCode::InvalidInput, std::move(message), {.file = path});
}

bool ignoreImage(tinygltf::Image*, const int, std::string*, std::string*, int, int,
                 const unsigned char*, int, void*) {
  return true;
}

glm::mat4 nodeTransform(const tinygltf::Node& node) {
  if (node.matrix.size() == 16) {
    glm::dmat4 m;
    std::memcpy(glm::value_ptr(m), node.matrix.data(), sizeof(double) * 16);
    return glm::mat4(m);
  }
  glm::mat4 t(1.0f);
  if (node.translation.size() == 3) {
    t = glm::translate(
        t, glm::vec3(glm::dvec3(node.translation[0], node.translation[1], node.translation[2])));
  }
  if (node.rotation.size() == 4) { // glTF order x, y, z, w
    const glm::quat q(static_cast<float>(node.rotation[3]), static_cast<float>(node.rotation[0]),
                      static_cast<float>(node.rotation[1]), static_cast<float>(node.rotation[2]));
    t *= glm::mat4_cast(q);
  }
  if (node.scale.size() == 3) {
    t = glm::scale(t, glm::vec3(glm::dvec3(node.scale[0], node.scale[1], node.scale[2])));
  }
  return t;
}

// Reads component `c` of element `i` of an accessor as an unsigned index or float.
const unsigned char* elementPointer(const tinygltf::Model& model,
                                    const tinygltf::Accessor& accessor, std::size_t i,
                                    std::size_t elementSize) {
  const tinygltf::BufferView& view =
      model.bufferViews[static_cast<std::size_t>(accessor.bufferView)];
  const tinygltf::Buffer& buffer = model.buffers[static_cast<std::size_t>(view.buffer)];
  const std::size_t stride = view.byteStride != 0 ? view.byteStride : elementSize;
  const std::size_t offset = view.byteOffset + accessor.byteOffset + i * stride;
  if (offset + elementSize > buffer.data.size()) {
    return nullptr;
  }
  return buffer.data.data() + offset;
}

bool validAccessor(const tinygltf::Model& model, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= model.accessors.size()) {
    return false;
  }
  const tinygltf::Accessor& a = model.accessors[static_cast<std::size_t>(index)];
  return a.bufferView >= 0 && static_cast<std::size_t>(a.bufferView) < model.bufferViews.size() &&
         model.bufferViews[static_cast<std::size_t>(a.bufferView)].buffer >= 0 &&
         static_cast<std::size_t>(
             model.bufferViews[static_cast<std::size_t>(a.bufferView)].buffer) <
             model.buffers.size();
}

core::Expected<void> appendPrimitive(const std::string& path, const tinygltf::Model& model,
                                     const tinygltf::Mesh& mesh, std::size_t primitiveIndex,
                                     const glm::mat4& transform, MeshData& out) {
  const tinygltf::Primitive& primitive = mesh.primitives[primitiveIndex];
  const std::string where =
      "mesh '" + mesh.name + "' primitive " + std::to_string(primitiveIndex) + ": ";
  if (primitive.mode != TINYGLTF_MODE_TRIANGLES && primitive.mode != -1) {
    return {}; // points and lines are not drawn as surfaces
  }
  const auto positionIt = primitive.attributes.find("POSITION");
  if (positionIt == primitive.attributes.end() || !validAccessor(model, positionIt->second)) {
    return invalid(path, where + "has no valid POSITION accessor");
  }
  const tinygltf::Accessor& positions =
      model.accessors[static_cast<std::size_t>(positionIt->second)];
  if (positions.type != TINYGLTF_TYPE_VEC3 ||
      positions.componentType != TINYGLTF_COMPONENT_TYPE_FLOAT) {
    return invalid(path, where + "POSITION must be float VEC3 (glTF 2.0 §3.7.2.1)");
  }
  const tinygltf::Accessor* normals = nullptr;
  const auto normalIt = primitive.attributes.find("NORMAL");
  if (normalIt != primitive.attributes.end() && validAccessor(model, normalIt->second)) {
    normals = &model.accessors[static_cast<std::size_t>(normalIt->second)];
    if (normals->type != TINYGLTF_TYPE_VEC3 ||
        normals->componentType != TINYGLTF_COMPONENT_TYPE_FLOAT ||
        normals->count != positions.count) {
      normals = nullptr; // computed below instead
    }
  }
  const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(transform)));
  const auto base = static_cast<std::uint32_t>(out.vertices.size());
  for (std::size_t i = 0; i < positions.count; ++i) {
    const unsigned char* p = elementPointer(model, positions, i, sizeof(float) * 3);
    if (p == nullptr) {
      return invalid(path, where + "POSITION accessor reads past the end of its buffer");
    }
    glm::vec3 position;
    std::memcpy(&position, p, sizeof(position));
    Vertex v;
    v.position = glm::vec3(transform * glm::vec4(position, 1.0f));
    if (normals != nullptr) {
      const unsigned char* n = elementPointer(model, *normals, i, sizeof(float) * 3);
      if (n == nullptr) {
        return invalid(path, where + "NORMAL accessor reads past the end of its buffer");
      }
      glm::vec3 normal;
      std::memcpy(&normal, n, sizeof(normal));
      const glm::vec3 world = normalMatrix * normal;
      v.normal = glm::length(world) > 0.0f ? glm::normalize(world) : glm::vec3(0, 1, 0);
    }
    out.vertices.push_back(v);
  }
  std::vector<std::uint32_t> indices;
  if (primitive.indices >= 0) {
    if (!validAccessor(model, primitive.indices)) {
      return invalid(path, where + "indices accessor " + std::to_string(primitive.indices) +
                               " does not exist or has no buffer");
    }
    const tinygltf::Accessor& acc = model.accessors[static_cast<std::size_t>(primitive.indices)];
    std::size_t size = 0;
    switch (acc.componentType) {
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: size = 1; break;
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: size = 2; break;
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: size = 4; break;
    default: return invalid(path, where + "indices must be unsigned byte, short or int");
    }
    for (std::size_t i = 0; i < acc.count; ++i) {
      const unsigned char* p = elementPointer(model, acc, i, size);
      if (p == nullptr) {
        return invalid(path, where + "indices accessor reads past the end of its buffer");
      }
      std::uint32_t index = 0;
      if (size == 1) {
        index = *p;
      } else if (size == 2) {
        std::uint16_t s;
        std::memcpy(&s, p, 2);
        index = s;
      } else {
        std::memcpy(&index, p, 4);
      }
      if (index >= positions.count) {
        return invalid(path, where + "index " + std::to_string(index) + " is out of range (" +
                                 std::to_string(positions.count) + " vertices)");
      }
      indices.push_back(index);
    }
  } else {
    for (std::size_t i = 0; i < positions.count; ++i) {
      indices.push_back(static_cast<std::uint32_t>(i));
    }
  }
  indices.resize(indices.size() - indices.size() % 3);
  // A mirroring transform flips the winding (glTF 2.0 §3.7.4: negative determinant).
  const bool mirrored = glm::determinant(glm::mat3(transform)) < 0.0f;
  for (std::size_t t = 0; t < indices.size(); t += 3) {
    std::uint32_t a = base + indices[t];
    std::uint32_t b = base + indices[t + 1];
    std::uint32_t c = base + indices[t + 2];
    if (mirrored) {
      std::swap(b, c);
    }
    out.indices.insert(out.indices.end(), {a, b, c});
  }
  if (normals == nullptr) {
    // Area-weighted vertex normals from the faces.
    for (std::uint32_t i = base; i < out.vertices.size(); ++i) {
      out.vertices[i].normal = glm::vec3(0.0f);
    }
    for (std::size_t t = 0; t < indices.size(); t += 3) {
      Vertex& a = out.vertices[base + indices[t]];
      Vertex& b = out.vertices[base + indices[t + 1]];
      Vertex& c = out.vertices[base + indices[t + 2]];
      const glm::vec3 n =
          glm::cross(b.position - a.position, c.position - a.position) * (mirrored ? -1.0f : 1.0f);
      a.normal += n;
      b.normal += n;
      c.normal += n;
    }
    for (std::uint32_t i = base; i < out.vertices.size(); ++i) {
      const float length = glm::length(out.vertices[i].normal);
      out.vertices[i].normal =
          length > 0.0f ? out.vertices[i].normal / length : glm::vec3(0.0f, 1.0f, 0.0f);
    }
  }
  return {};
}

core::Expected<void> appendNode(const std::string& path, const tinygltf::Model& model,
                                int nodeIndex, const glm::mat4& parent, MeshData& out, int depth) {
  if (nodeIndex < 0 || static_cast<std::size_t>(nodeIndex) >= model.nodes.size() || depth > 64) {
    return invalid(path, "node " + std::to_string(nodeIndex) +
                             " does not exist or the node hierarchy is cyclic");
  }
  const tinygltf::Node& node = model.nodes[static_cast<std::size_t>(nodeIndex)];
  const glm::mat4 transform = parent * nodeTransform(node);
  if (node.mesh >= 0) {
    if (static_cast<std::size_t>(node.mesh) >= model.meshes.size()) {
      return invalid(path, "node " + std::to_string(nodeIndex) + " names mesh " +
                               std::to_string(node.mesh) + ", which does not exist");
    }
    const tinygltf::Mesh& mesh = model.meshes[static_cast<std::size_t>(node.mesh)];
    for (std::size_t p = 0; p < mesh.primitives.size(); ++p) {
      if (auto ok = appendPrimitive(path, model, mesh, p, transform, out); !ok) {
        return ok;
      }
    }
  }
  for (int child : node.children) {
    if (auto ok = appendNode(path, model, child, transform, out, depth + 1); !ok) {
      return ok;
    }
  }
  return {};
}

} // namespace

core::Expected<MeshData> loadGltf(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || !std::ifstream(path, std::ios::binary)) {
    return core::makeError(core::ErrorCode::NotFound, "glTF file does not exist or cannot be read",
                           {.file = path});
  }
  tinygltf::TinyGLTF loader;
  loader.SetImageLoader(&ignoreImage, nullptr);
  tinygltf::Model model;
  std::string error;
  std::string warning;
  const bool binary = std::filesystem::path(path).extension() == ".glb";
  const bool ok = binary ? loader.LoadBinaryFromFile(&model, &error, &warning, path)
                         : loader.LoadASCIIFromFile(&model, &error, &warning, path);
  if (!ok) {
    if (error.empty()) {
      error = "not a valid glTF 2.0 file";
    }
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) {
      error.pop_back();
    }
    return core::makeError(core::ErrorCode::InvalidInput, "malformed glTF: " + error,
                           {.file = path});
  }
  MeshData mesh;
  std::vector<int> roots;
  if (!model.scenes.empty()) {
    const std::size_t scene =
        model.defaultScene >= 0 &&
                static_cast<std::size_t>(model.defaultScene) < model.scenes.size()
            ? static_cast<std::size_t>(model.defaultScene)
            : 0;
    roots = model.scenes[scene].nodes;
  } else {
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
      roots.push_back(static_cast<int>(i));
    }
  }
  for (int root : roots) {
    if (auto appended = appendNode(path, model, root, glm::mat4(1.0f), mesh, 0); !appended) {
      return std::move(appended).error();
    }
  }
  if (model.nodes.empty()) { // a file with meshes but no nodes: take the meshes as they are
    for (const tinygltf::Mesh& m : model.meshes) {
      for (std::size_t p = 0; p < m.primitives.size(); ++p) {
        if (auto ok2 = appendPrimitive(path, model, m, p, glm::mat4(1.0f), mesh); !ok2) {
          return std::move(ok2).error();
        }
      }
    }
  }
  if (mesh.indices.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "glTF file has no triangle meshes to draw", {.file = path});
  }
  mesh.computeBounds();
  return mesh;
}

} // namespace skillsim::render
