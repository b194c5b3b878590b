// The words a unit clerk knows, laid over Decap's Vietnamese locale: the editorial
// workflow's statuses are the steps of the self-assessment (Bản nháp → Gửi đi → Hội
// đồng thẩm định), and "publish" is the council's acceptance on the forge, never the clerk's.
// Decap's own words that a clerk should not meet (its internal terms, English left-overs)
// are replaced too.
export const WORDS = {
  auth: { loginWithForgejo: 'Đăng nhập bằng Forgejo' },
  app: {
    header: { workflow: 'Hồ sơ đã lưu', media: 'Tệp đã tải lên', content: 'Hồ sơ' },
  },
  collection: {
    sidebar: { collections: 'Hồ sơ tự đánh giá', allCollections: 'Tất cả hồ sơ', searchAll: 'Tìm đơn vị' },
    collectionTop: { viewAs: 'Xem dạng', viewAsList: 'Xem dạng danh sách', viewAsGrid: 'Xem dạng lưới',
      groupBy: 'Nhóm theo' },
    entries: { unpublishedHeader: 'Hồ sơ đã lưu' },
  },
  editor: {
    editorControl: { field: { widgetLabel: 'Ô nhập' } },
    editorInterface: { togglePreview: 'Bật/tắt xem trước', toggleScrollSync: 'Cuộn đồng thời' },
    editorWidgets: {
      list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
      object: { expand: 'Mở', collapse: 'Thu gọn' },
      file: { choose: 'Chọn tệp PDF', chooseDifferent: 'Chọn tệp khác', remove: 'Bỏ tệp', chooseMultiple: 'Chọn tệp',
        addMore: 'Thêm tệp', removeAll: 'Bỏ tất cả tệp' },
      datetime: { now: 'Hôm nay', clear: 'Xoá', setToNow: 'Đặt %{fieldLabel} là hôm nay' },
    },
    editorToolbar: {
      statusInfoTooltipDraft: 'Hồ sơ đang là bản nháp. Khi đã kiểm tra xong (xem khung bên phải), '
        + 'chuyển trạng thái sang "Gửi đi".',
      statusInfoTooltipInReview: 'Hồ sơ đã Gửi đi, chờ Hội đồng thẩm định. Vẫn có thể sửa và Lưu cho đến hạn '
        + 'tự đánh giá; muốn rút lại, chuyển về "Bản nháp".',
      draft: 'Bản nháp',
      inReview: 'Gửi đi',
      ready: 'Hội đồng đã duyệt', // the council's state: hidden from units (editor.css)
      status: 'Trạng thái: %{status}',
      save: 'Lưu',
      saving: 'Đang lưu...',
      publish: 'Nhận hồ sơ (Hội đồng)',
      publishNow: 'Nhận hồ sơ (Hội đồng)',
      published: 'Không có bản nháp đang mở',
      changesSaved: 'Đã lưu bản nháp',
      unsavedChanges: 'Có thay đổi chưa lưu',
      backCollection: ' Hồ sơ: %{collectionLabel}', // the unit's name, or its explanation round
      deleteUnpublishedChanges: 'Huỷ bản nháp này',
      deleteUnpublishedEntry: 'Huỷ bản nháp này',
    },
    editor: {
      onPublishingNotReady: 'Chỉ Hội đồng thẩm định nhận hồ sơ, sau khi đã duyệt.',
      onUpdatingWithUnsavedChanges: 'Hãy bấm Lưu trước khi đổi trạng thái (Gửi đi).',
      confirmLoadBackup: 'Trình duyệt còn giữ nội dung đã nhập nhưng chưa Lưu của hồ sơ này (từ lần mở trước). '
        + 'Khôi phục nội dung đó?',
    },
  },
  mediaLibrary: {
    mediaLibrary: {
      fileTooLarge: 'Tệp quá lớn: kế hoạch của Sở Nội vụ cho phép tối đa %{size} kB mỗi tệp. '
        + 'Hãy quét lại với độ phân giải thấp hơn hoặc tách thành nhiều tệp.',
    },
    mediaLibraryModal: { close: 'Đóng', mediaAssets: 'Tệp đã tải lên', upload: 'Tải tệp lên',
      chooseSelected: 'Chọn tệp này', search: 'Tìm tệp...', noAssetsFound: 'Chưa có tệp nào.',
      deleteSelected: 'Xoá tệp đã chọn' },
    mediaLibraryCard: { copy: 'Sao chép', copyUrl: 'Sao chép địa chỉ', copyPath: 'Sao chép đường dẫn',
      copyName: 'Sao chép tên', copied: 'Đã sao chép' },
  },
  ui: {
    settingsDropdown: { account: 'Tài khoản' },
    toast: {
      entrySaved: 'Đã lưu hồ sơ.',
      entryUpdated: 'Đã đổi trạng thái hồ sơ.',
      onFailToPersist: 'Không lưu được hồ sơ: %{details}',
      onFailToUpdateStatus: 'Không đổi được trạng thái hồ sơ: %{details}',
      onFailToLoadEntries: 'Không mở được hồ sơ: %{details}',
    },
  },
  workflow: {
    workflow: {
      workflowHeading: 'Hồ sơ đã lưu',
      newPost: 'Mở hồ sơ',
      dateFormat: 'DD/MM/YYYY',
      description: '%{smart_count} hồ sơ đã Gửi đi, chờ Hội đồng thẩm định. '
        + '|||| %{smart_count} hồ sơ đã Gửi đi, chờ Hội đồng thẩm định.',
    },
    workflowCard: { deleteChanges: 'Huỷ bản nháp', deleteNewEntry: 'Huỷ bản nháp',
      publishChanges: 'Nhận hồ sơ (Hội đồng)', publishNewEntry: 'Nhận hồ sơ (Hội đồng)' },
    workflowList: {
      onDeleteEntry: 'Huỷ bản nháp này? Nội dung chưa Gửi đi sẽ bị xoá.',
      onPublishingNotReadyEntry: 'Chỉ Hội đồng thẩm định nhận hồ sơ, sau khi đã duyệt.',
      draftHeader: 'Bản nháp',
      inReviewHeader: 'Đã Gửi đi, chờ thẩm định',
      readyHeader: 'Hội đồng đã duyệt',
      currentEntries: '%{smart_count} hồ sơ |||| %{smart_count} hồ sơ',
    },
  },
};

export function merge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? merge(base[k] || {}, v) : v;
  }
  return out;
}
